using System.Text;
using System.Text.Json;
using SoKet.Bot.Protocol;
using SoKet.Bot.Reports;
using SoKet.Bot.Text;

namespace SoKet.Bot.Drafting;

/// <summary>
/// "Xem toàn bộ": the whole draft in reading order as chat messages, each small enough for Teams
/// (a message's JSON must stay under 40 KB counted in UTF-16; SoKet aims at 28 KB with the envelope).
/// The bold titles are SoKet's Markdown; headings, drafts, names and comments are data, shown as written.
/// </summary>
public sealed class DraftViewer
{
    /// <summary>UTF-16 bytes allowed for a message's text once JSON-encoded; the rest of the 28 KB is the activity envelope.</summary>
    public const int MaxTextBytes = 24 * 1024;

    public IReadOnlyList<string> Render(ReportView view, IReadOnlyList<ReviewComment> comments)
    {
        var blocks = new List<string>
        {
            $"**Dự thảo báo cáo sơ kết — {MarkdownText.Literal(view.Unit.Name)}**{(string.IsNullOrWhiteSpace(view.Campaign.Code) ? "" : $" (theo {MarkdownText.Literal(view.Campaign.Code)})")}. {ReportText.Status(view.Report)}; đã soạn {view.WrittenCount}/{view.WritableCount} mục.",
        };
        foreach (var entry in view.Outline)
        {
            if (!entry.IsWritable)
            {
                blocks.Add($"**{MarkdownText.Literal(entry.Title)}**");
                continue;
            }
            var body = entry.IsIndicatorTable
                ? (view.Report.Indicators.Count > 0 ? ReportText.IndicatorTable(view.Report.Indicators) : "")
                : view.DraftOf(entry.Id)?.Text ?? "";
            blocks.Add($"**{MarkdownText.Literal(entry.Title)}**\n\n" + (string.IsNullOrWhiteSpace(body) ? "_(Chưa có nội dung)_" : MarkdownText.Literal(body)));
            foreach (var comment in comments.Where(c => c.SectionId == entry.Id))
                blocks.Add($"> Ý kiến của đồng chí {MarkdownText.Literal(comment.AuthorName)}: {MarkdownText.Literal(comment.Text)}");
        }
        if (view.Report.Indicators.Count > 0 && !view.Outline.Any(e => e.IsIndicatorTable))
            blocks.Add("**Phụ lục so sánh kết quả thực hiện với chỉ tiêu nghị quyết**\n\n" + MarkdownText.Literal(ReportText.IndicatorTable(view.Report.Indicators)));

        var missing = view.Writable.Where(e => !view.IsWritten(e)).Select(e => "• " + e.TitleInContext).ToList();
        blocks.Add(missing.Count == 0
            ? "Tất cả các mục của đề cương đã có nội dung."
            : $"**Các mục chưa có nội dung ({missing.Count}):**\n\n" + MarkdownText.Literal(string.Join("\n", missing)));
        return Pack(blocks);
    }

    /// <summary>
    /// Joins blocks into as few messages as fit. A block too long on its own is cut at paragraphs,
    /// then lines, then characters; a cut never adds text, and pieces of one paragraph are rejoined without a separator.
    /// </summary>
    public static IReadOnlyList<string> Pack(IEnumerable<string> blocks)
    {
        var pieces = new List<(string Separator, string Text)>();
        foreach (var block in blocks)
            Cut(block, "\n\n", pieces);

        var messages = new List<string>();
        var current = new StringBuilder();
        var currentBytes = 0;
        foreach (var (separator, text) in pieces)
        {
            // JSON escaping is per character, so sizes add up, less the two quotes counted twice.
            var addedBytes = Size(separator + text) - QuotesBytes;
            if (current.Length > 0 && currentBytes + addedBytes > MaxTextBytes)
            {
                messages.Add(current.ToString());
                current.Clear();
            }
            if (current.Length == 0)
            {
                current.Append(text);
                currentBytes = Size(text);
            }
            else
            {
                current.Append(separator).Append(text);
                currentBytes += addedBytes;
            }
        }
        if (current.Length > 0)
            messages.Add(current.ToString());
        return messages;
    }

    public static int Size(string text) => Encoding.Unicode.GetByteCount(JsonSerializer.Serialize(text, ProtocolJson.Options));

    private const int QuotesBytes = 4;

    private static void Cut(string text, string separator, List<(string, string)> pieces)
    {
        if (Size(text) <= MaxTextBytes)
        {
            pieces.Add((separator, text));
            return;
        }
        foreach (var inner in new[] { "\n\n", "\n" })
        {
            var parts = text.Split(inner);
            if (parts.Length < 2)
                continue;
            for (var i = 0; i < parts.Length; i++)
                Cut(parts[i], i == 0 ? separator : inner, pieces);
            return;
        }
        // One enormous paragraph: cut by characters, sized for the worst escaping (\uXXXX, 12 bytes a character).
        var step = MaxTextBytes / 12;
        for (var start = 0; start < text.Length;)
        {
            var length = Math.Min(step, text.Length - start);
            if (start + length < text.Length && char.IsHighSurrogate(text[start + length - 1]))
                length--;
            pieces.Add((start == 0 ? separator : "", text.Substring(start, length)));
            start += length;
        }
    }
}
