using System.Text;
using System.Text.Json;
using SoKet.Bot.Protocol;
using SoKet.Bot.Reports;

namespace SoKet.Bot.Drafting;

/// <summary>
/// "Xem toàn bộ": the whole draft in reading order as chat messages, each small enough for Teams
/// (a message's JSON must stay under 40 KB counted in UTF-16; SoKet aims at 28 KB with the envelope).
/// </summary>
public sealed class DraftViewer
{
    /// <summary>UTF-16 bytes allowed for a message's text once JSON-encoded; the rest of the 28 KB is the activity envelope.</summary>
    public const int MaxTextBytes = 24 * 1024;

    public IReadOnlyList<string> Render(ReportView view, IReadOnlyList<ReviewComment> comments)
    {
        var blocks = new List<string>
        {
            $"**Dự thảo báo cáo sơ kết — {view.Unit.Name}** (theo {view.Campaign.Code}). {DraftingCards.StatusText(view.Report)}; đã soạn {view.WrittenCount}/{view.WritableCount} mục.",
        };
        foreach (var entry in view.Outline)
        {
            if (!entry.IsWritable)
            {
                blocks.Add($"**{entry.Title}**");
                continue;
            }
            var body = entry.IsIndicatorTable
                ? (view.Report.Indicators.Count > 0 ? DraftingCards.IndicatorTableText(view.Report.Indicators) : "")
                : view.DraftOf(entry.Id)?.Text ?? "";
            blocks.Add($"**{entry.Title}**\n\n" + (string.IsNullOrWhiteSpace(body) ? "_(Chưa có nội dung)_" : body));
            foreach (var comment in comments.Where(c => c.SectionId == entry.Id))
                blocks.Add($"> Ý kiến của đồng chí {comment.AuthorName}: {comment.Text}");
        }
        if (view.Report.Indicators.Count > 0 && !view.Outline.Any(e => e.IsIndicatorTable))
            blocks.Add("**Phụ lục so sánh kết quả thực hiện với chỉ tiêu nghị quyết**\n\n" + DraftingCards.IndicatorTableText(view.Report.Indicators));

        var missing = view.Writable.Where(e => !view.IsWritten(e)).Select(e => "• " + e.TitleInContext).ToList();
        blocks.Add(missing.Count == 0
            ? "Tất cả các mục của đề cương đã có nội dung."
            : $"**Các mục chưa có nội dung ({missing.Count}):**\n\n" + string.Join("\n", missing));
        return Pack(blocks);
    }

    /// <summary>Joins blocks into as few messages as fit; a block too long on its own is cut at paragraph, then line, then character boundaries.</summary>
    public static IReadOnlyList<string> Pack(IEnumerable<string> blocks)
    {
        var messages = new List<string>();
        var current = new StringBuilder();
        foreach (var piece in blocks.SelectMany(Split))
        {
            var candidate = current.Length == 0 ? piece : current + "\n\n" + piece;
            if (current.Length > 0 && Size(candidate) > MaxTextBytes)
            {
                messages.Add(current.ToString());
                current.Clear().Append(piece);
            }
            else
            {
                current.Clear().Append(candidate);
            }
        }
        if (current.Length > 0)
            messages.Add(current.ToString());
        return messages;
    }

    public static int Size(string text) => Encoding.Unicode.GetByteCount(JsonSerializer.Serialize(text, ProtocolJson.Options));

    private static IEnumerable<string> Split(string block)
    {
        if (Size(block) <= MaxTextBytes)
            return [block];
        foreach (var separator in new[] { "\n\n", "\n" })
        {
            var parts = block.Split(separator);
            if (parts.Length > 1)
                return Pack(parts).SelectMany(Split);
        }
        // One enormous paragraph: cut it by characters (never inside a surrogate pair).
        var chunks = new List<string>();
        var start = 0;
        var step = MaxTextBytes / 4;
        while (start < block.Length)
        {
            var length = Math.Min(step, block.Length - start);
            if (start + length < block.Length && char.IsHighSurrogate(block[start + length - 1]))
                length--;
            chunks.Add(block.Substring(start, length));
            start += length;
        }
        return chunks;
    }
}
