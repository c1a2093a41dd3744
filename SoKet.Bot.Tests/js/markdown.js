// Renders Markdown exactly as SoKet's web chat page does: Microsoft Web Chat passes every Adaptive Card TextBlock
// and message text through markdown-it with these options (botframework-webchat lib/markdown/renderMarkdown.js).
// It uses the markdown-it that the web chat page's own npm install brought (SoKet.Bot/webchat/node_modules).
// Reads a JSON array of strings on stdin, writes a JSON array of HTML strings.
'use strict';
const path = require('path');
const MarkdownIt = require(path.join(__dirname, '..', '..', 'SoKet.Bot', 'webchat', 'node_modules', 'markdown-it'));

const markdown = new MarkdownIt({ breaks: false, html: true, linkify: true, typographer: true, xhtmlOut: true });

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', chunk => { input += chunk; });
process.stdin.on('end', () => {
  const texts = JSON.parse(input);
  process.stdout.write(JSON.stringify(texts.map(text => markdown.render(text))));
});
