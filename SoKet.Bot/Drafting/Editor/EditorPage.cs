using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace SoKet.Bot.Drafting.Editor;

/// <summary>
/// The editor page's HTML: a shell with no report data (the script loads the section through the API with the link),
/// scripts from wwwroot only (the CSP allows script-src 'self'), and in a Teams dialog the Teams client library.
/// </summary>
public static class EditorPage
{
    // Vietnamese letters stay letters; only markup characters are escaped.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Shell(bool teams) => $$"""
        <!DOCTYPE html>
        <html lang="vi">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>Trình soạn thảo — Trợ lý sơ kết</title>
          <link rel="stylesheet" href="/editor.css" />
        </head>
        <body>
          <main class="editor" aria-busy="true">
            <p class="header" id="header"></p>
            <h1 id="title">Đang tải mục báo cáo…</h1>
            <p class="guidance" id="guidance" hidden></p>
            <p class="notice" id="notice" role="status" hidden></p>
            <label for="text" class="label">Nội dung mục</label>
            <textarea id="text" spellcheck="false" disabled></textarea>
            <p class="meta"><span id="count"></span> · <span id="status" role="status" aria-live="polite"></span></p>
            <section id="conflict" class="conflict" hidden aria-labelledby="conflict-title">
              <h2 id="conflict-title">Mục này vừa được đồng chí khác lưu</h2>
              <p id="conflict-message"></p>
              <div class="columns">
                <div>
                  <h3>Nội dung đang có trong báo cáo</h3>
                  <p class="who" id="conflict-who"></p>
                  <pre id="conflict-current"></pre>
                  <button type="button" id="take-current">Dùng nội dung trong báo cáo</button>
                </div>
                <div>
                  <h3>Nội dung của đồng chí</h3>
                  <p class="who">Chưa lưu vào báo cáo</p>
                  <pre id="conflict-mine"></pre>
                  <button type="button" id="keep-mine" class="primary">Giữ nội dung của tôi và lưu</button>
                </div>
              </div>
            </section>
            <div class="actions">
              <button type="button" id="save" class="primary" disabled>Lưu vào báo cáo</button>
              <button type="button" id="close">Đóng</button>
            </div>
          </main>
          {{(teams ? "<script src=\"/lib/MicrosoftTeams.min.js\"></script>" : "")}}
          <script src="/editor.js"></script>
        </body>
        </html>
        """;

    public static string Refused(string message) => $$"""
        <!DOCTYPE html>
        <html lang="vi">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>Không mở được trình soạn thảo</title>
          <link rel="stylesheet" href="/editor.css" />
        </head>
        <body>
          <main class="editor">
            <h1>Không mở được trình soạn thảo</h1>
            <p class="refused">{{Html.Encode(message)}}</p>
          </main>
        </body>
        </html>
        """;
}
