using System.Text;

namespace SoKet.Bot.Text;

/// <summary>
/// Makes text render as written where a channel reads it as Markdown: Adaptive Card TextBlocks and facts (Web Chat renders
/// them with markdown-it, Teams with its own CommonMark subset) and message text (both channels' default text format).
/// Outline headings ("2. Về phát triển kinh tế"), the plan's guidance and what people type are data, not markup: shown
/// raw, "2. …" becomes a list item numbered "1.", "- …" a bullet, "*x*" italics, "[x](y)" a link.
/// </summary>
/// <remarks>
/// <para>Written by hand because no package of the project's source escapes for CommonMark (Markdig renders, it does not
/// escape). The escape is CommonMark's backslash before an ASCII punctuation character
/// (https://spec.commonmark.org/0.31.2/#backslash-escapes), which markdown-it, the Adaptive Cards renderers and Teams
/// honour. It is applied only where a character would otherwise start markup, so text without markup characters is
/// unchanged and a renderer that shows a stray backslash shows as few as possible.</para>
/// <para>Line breaks are kept: CommonMark joins the lines of a paragraph with a space, so every single line break
/// becomes a hard break (two spaces before it); a blank line stays a paragraph break. Leading blanks of a line are
/// dropped (the renderers drop them too, except that four of them make a code block).</para>
/// </remarks>
public static class MarkdownText
{
    /// <summary>The text, escaped so that a Markdown renderer shows exactly these characters and line breaks.</summary>
    public static string Literal(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return "";

        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        var multiline = lines.Length > 1;
        var builder = new StringBuilder(text.Length + 16);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim(' ', '\t');
            if (i > 0)
            {
                // A line break inside a paragraph is a hard break; around a blank line it is a paragraph break.
                var previousBlank = lines[i - 1].Trim(' ', '\t').Length == 0;
                builder.Append(previousBlank || line.Length == 0 ? "\n" : "  \n");
            }

            AppendLine(builder, line, multiline);
        }

        return builder.ToString();
    }

    private static void AppendLine(StringBuilder builder, string line, bool multiline)
    {
        var start = builder.Length;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            var next = i + 1 < line.Length ? line[i + 1] : '\0';
            var escape = c switch
            {
                // A backslash escapes the next punctuation character; doubled, it is one backslash.
                '\\' => IsAsciiPunctuation(next),
                // Emphasis, code spans, links and images.
                '*' or '_' or '`' or '[' => true,
                // Raw HTML and autolinks (Web Chat renders HTML in Markdown); a lone "<" in "a < b" is text already.
                '<' => char.IsAsciiLetter(next) || next is '/' or '!' or '?',
                // Entities: "&amp;" would show as "&".
                '&' => IsEntity(line, i),
                // Strikethrough ("~~x~~") and tilde fences.
                '~' => next == '~' || (i > 0 && line[i - 1] == '~'),
                // Tables need two lines.
                '|' => multiline,
                // markdown-it's typographer turns "(c)", "(r)", "(tm)" into ©, ®, ™, "+-" into ±, ".." into …, ",," into
                // "," and "!!!!" or "????" into three: each character of such a run after the first is escaped.
                ')' => IsTypographerSymbol(line, i),
                '-' => i > 0 && line[i - 1] == '+',
                '.' or ',' or '!' or '?' => i > 0 && line[i - 1] == c,
                _ => false,
            };
            if (escape)
                builder.Append('\\');
            builder.Append(c);
        }

        EscapeLineStart(builder, start, line);
    }

    /// <summary>Block markup decided by how a line begins: headings, quotes, list items, setext underlines and rules.</summary>
    private static void EscapeLineStart(StringBuilder builder, int start, string line)
    {
        if (line.Length == 0)
            return;
        var first = line[0];
        var second = line.Length > 1 ? line[1] : '\0';
        switch (first)
        {
            case '#' when IsHeading(line):
            case '>':
            case '-' or '+' when second is ' ' or '\t' or '\0' || IsRunOf(line, first):
            case '=' when IsRunOf(line, '='):
                builder.Insert(start, '\\');
                return;
        }

        // "2. Về phát triển…", "1) …": an ordered list item (CommonMark allows up to nine digits).
        var digits = 0;
        while (digits < line.Length && char.IsAsciiDigit(line[digits]))
            digits++;
        if (digits is > 0 and <= 9 && digits < line.Length && line[digits] is '.' or ')')
        {
            var after = digits + 1 < line.Length ? line[digits + 1] : '\0';
            if (after is ' ' or '\t' or '\0')
                builder.Insert(start + digits, '\\');
        }
    }

    // "#", "## x" (one to six) followed by a blank or the end: an ATX heading; "#5" is text.
    private static bool IsHeading(string line)
    {
        var hashes = 0;
        while (hashes < line.Length && line[hashes] == '#')
            hashes++;
        return hashes <= 6 && (hashes == line.Length || line[hashes] is ' ' or '\t');
    }

    // "--", "===", "- - -": a setext underline (under a line, any length) or a thematic break.
    private static bool IsRunOf(string line, char marker)
    {
        foreach (var c in line)
        {
            if (c != marker && c is not (' ' or '\t'))
                return false;
        }

        return true;
    }

    private static bool IsEntity(string line, int ampersand)
    {
        var i = ampersand + 1;
        if (i < line.Length && line[i] == '#')
            i++;
        var length = 0;
        while (i < line.Length && char.IsAsciiLetterOrDigit(line[i]) && length <= 32)
        {
            i++;
            length++;
        }

        return length > 0 && i < line.Length && line[i] == ';';
    }

    private static bool IsTypographerSymbol(string line, int close)
    {
        foreach (var symbol in (ReadOnlySpan<string>)["(c", "(r", "(tm"])
        {
            var open = close - symbol.Length;
            if (open >= 0 && line.AsSpan(open, symbol.Length).Equals(symbol, StringComparison.OrdinalIgnoreCase))
                return true;
        }

        return false;
    }

    private static bool IsAsciiPunctuation(char c) => c is >= '!' and <= '/' or >= ':' and <= '@' or >= '[' and <= '`' or >= '{' and <= '~';
}
