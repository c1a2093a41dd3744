using System.Globalization;
using System.Text.Json.Nodes;
using SoKet.Bot.Reports;
using SoKet.Bot.Text;

namespace SoKet.Bot.Drafting.Import;

/// <summary>How a section with text of its own takes the draft's text, as the review card offers it.</summary>
public enum FillMode { Replace, Append, Skip }

/// <summary>
/// The draft import's cards, built in code because their rows follow the draft (one block per section found, one
/// choice per section already written); each is registered as a sample so the start-up check sees its buttons.
/// </summary>
public static class DraftImportCards
{
    /// <summary>The card input naming how the section with this id takes the draft: "mode-&lt;section id&gt;".</summary>
    public static string ModeInput(Guid sectionId) => "mode-" + sectionId.ToString("D");

    public const string Replace = "replace";
    public const string Append = "append";
    public const string Skip = "skip";

    /// <summary>At most this many set-aside parts are listed (a long preamble counts as one): the card stays within Teams' size.</summary>
    private const int MaxAsideShown = 12;

    private const int FirstWordsChars = 90;

    public static FillMode ModeOf(string? value) => value switch
    {
        Append => FillMode.Append,
        Skip => FillMode.Skip,
        _ => FillMode.Replace,
    };

    /// <summary>
    /// Teams refuses a message over about 28 KB; a card for a long outline (forty sections, each with a choice) would
    /// pass it, so past this size the card is built again without the first words of each section.
    /// </summary>
    private const int MaxCardChars = 24_000;

    /// <summary>What went where: section → the draft's heading, first words and paragraph count; what went nowhere; what the draft lacks.</summary>
    public static JsonObject Review(ReportView view, StagedDraft staged, string importId, string? notice = null)
    {
        var card = Review(view, staged, importId, notice, compact: false);
        return card.ToJsonString().Length <= MaxCardChars ? card : Review(view, staged, importId, notice, compact: true);
    }

    private static JsonObject Review(ReportView view, StagedDraft staged, string importId, string? notice, bool compact)
    {
        var body = new JsonArray
        {
            Text(ReportText.Header(view), subtle: true, small: true),
            Text($"Dự thảo {staged.Source}: {staged.Sections.Count} mục sẽ được điền", bold: true, medium: true),
            Text("Đồng chí kiểm tra việc xếp các đoạn vào mục của đề cương. Chưa có gì được lưu cho đến khi đồng chí bấm «Điền vào báo cáo».", small: true),
        };
        if (!string.IsNullOrEmpty(notice))
            body.Add(Text(notice, color: "Warning"));

        foreach (var section in staged.Sections)
        {
            var entry = view.Entry(section.SectionId);
            var items = new JsonArray
            {
                Text(entry?.TitleInContext ?? section.WrittenHeading, bold: true),
                Text($"Theo đề mục «{DraftImportTexts.Shorten(section.WrittenHeading, 80)}» của dự thảo · {Paragraphs(section.Paragraphs)}", subtle: true, small: true),
            };
            if (!compact)
                items.Add(Text($"«{FirstWords(section.Text)}»", small: true));
            if (section.HadText)
            {
                var draft = view.DraftOf(section.SectionId);
                var who = draft is null ? "" : $" (phiên bản {draft.Version}, đồng chí {draft.UpdatedByName} lưu lúc {VietnamTime.Format(draft.UpdatedAtUtc)})";
                items.Add(Text($"Mục này đã có nội dung{who}: sẽ thay nội dung đã có, trừ khi đồng chí chọn khác.", color: "Warning", small: true));
                items.Add(new JsonObject
                {
                    ["type"] = "Input.ChoiceSet",
                    ["id"] = ModeInput(section.SectionId),
                    ["style"] = "compact",
                    ["value"] = Replace,
                    ["label"] = "Với nội dung đã có",
                    ["choices"] = new JsonArray
                    {
                        Choice("Thay nội dung đã có bằng dự thảo", Replace),
                        Choice("Nối dự thảo vào sau nội dung đã có", Append),
                        Choice("Giữ nguyên, không điền mục này", Skip),
                    },
                });
            }
            body.Add(new JsonObject { ["type"] = "Container", ["separator"] = true, ["spacing"] = "Medium", ["items"] = items });
        }

        var aside = staged.Aside.Where(a => a.Paragraphs.Count > 0 || a.Reason == AsideReason.NoMatchingSection).ToList();
        if (aside.Count > 0)
        {
            var items = new JsonArray { Text($"Không đưa vào mục nào ({aside.Count} phần, vẫn giữ trong tệp của đồng chí):", bold: true) };
            foreach (var part in aside.Take(MaxAsideShown))
                items.Add(Text($"{AsideLabel(part)} · {Paragraphs(part.Paragraphs.Count)}" + (part.Paragraphs.Count > 0 ? $" · «{FirstWords(part.Paragraphs[0])}»" : ""), small: true));
            if (aside.Count > MaxAsideShown)
                items.Add(Text($"… và {aside.Count - MaxAsideShown} phần khác.", small: true, subtle: true));
            body.Add(new JsonObject { ["type"] = "Container", ["separator"] = true, ["spacing"] = "Medium", ["items"] = items });
        }

        var filled = staged.Sections.Select(s => s.SectionId).ToHashSet();
        var missing = view.Writable.Where(e => !e.IsIndicatorTable && !filled.Contains(e.Id)).ToList();
        if (missing.Count > 0)
        {
            var names = string.Join("; ", missing.Take(6).Select(e => e.Title)) + (missing.Count > 6 ? "…" : "");
            body.Add(Text($"Dự thảo không có nội dung cho {missing.Count} mục (giữ nguyên như hiện có): {names}", subtle: true, small: true));
        }

        return Card(body, new JsonArray
        {
            Submit("Điền vào báo cáo", DraftImportChat.Apply, importId, positive: true),
            Submit("Hủy", DraftImportChat.Cancel, importId),
        });
    }

    /// <summary>For office staff who also draft: the same .docx may be a plan or the unit's draft.</summary>
    public static JsonObject AskKind(string fileName, string fileId) => Card(
        [Text(DraftImportTexts.AskKind(fileName))],
        [
            Submit("Dự thảo báo cáo của đơn vị", DraftImportChat.IsDraft, fileId, positive: true),
            Submit("Kế hoạch (tạo đợt sơ kết)", DraftImportChat.IsPlan, fileId),
        ]);

    /// <summary>Which unit's report the draft is for, when the user drafts for several.</summary>
    public static JsonObject ChooseUnit(string route, IReadOnlyList<OwnedUnit> units, string? fileId) => Card(
        [Text("Đồng chí soạn báo cáo cho nhiều đơn vị trong các đợt sơ kết đang mở. Dự thảo này là của đơn vị nào?")],
        [.. units.Select(u => (JsonNode)new JsonObject
        {
            ["type"] = "Action.Submit",
            ["title"] = $"{u.UnitName} — {u.Code}",
            ["data"] = fileId is null
                ? new JsonObject { ["command"] = route, ["unitId"] = u.UnitId.ToString() }
                : new JsonObject { ["action"] = route, ["unitId"] = u.UnitId.ToString(), ["importId"] = fileId },
        })]);

    /// <summary>What was filled, how, and what was left as it was; the way back into the report.</summary>
    public static JsonObject Result(ReportView view, string source, IReadOnlyList<(string Title, string What)> rows, int unchanged)
    {
        var body = new JsonArray
        {
            Text(ReportText.Header(view), subtle: true, small: true),
            Text(rows.Count == 0 ? "Không có mục nào được điền" : $"Đã điền {rows.Count} mục từ dự thảo {source}", bold: true, medium: true, color: rows.Count == 0 ? null : "Good"),
        };
        if (rows.Count > 0)
            body.Add(new JsonObject
            {
                ["type"] = "FactSet",
                ["facts"] = new JsonArray([.. rows.Select(r => (JsonNode)new JsonObject { ["title"] = r.Title, ["value"] = r.What })]),
            });
        if (unchanged > 0)
            body.Add(Text($"{unchanged} mục giữ nguyên như đã có.", small: true, subtle: true));
        body.Add(Text("Mỗi mục được lưu thành một phiên bản mới; đồng chí mở báo cáo để xem, chỉnh sửa từng mục.", small: true));
        return Card(body, new JsonArray
        {
            new JsonObject { ["type"] = "Action.Submit", ["title"] = "Mở báo cáo", ["data"] = new JsonObject { ["command"] = DraftingEntry.Start } },
            new JsonObject { ["type"] = "Action.Submit", ["title"] = "Xem toàn bộ", ["data"] = new JsonObject { ["command"] = DraftingEntry.ViewWhole } },
        });
    }

    public static string AsideLabel(StagedAside part) => part.Reason switch
    {
        AsideReason.Preamble => "Phần đầu văn bản (trước đề mục đầu tiên)",
        AsideReason.NoMatchingSection => $"Đề mục «{DraftImportTexts.Shorten(part.Heading ?? "", 70)}»: không khớp mục nào của đề cương",
        AsideReason.UnderGroupHeading => $"Đoạn ngay dưới «{DraftImportTexts.Shorten(part.Heading ?? "", 60)}»: mục «{DraftImportTexts.Shorten(part.Under ?? "", 60)}» chỉ là đề mục lớn, nội dung viết ở các mục con",
        AsideReason.IndicatorTable => $"«{DraftImportTexts.Shorten(part.Heading ?? "", 60)}»: số liệu chỉ tiêu đồng chí nhập trên thẻ phụ lục chỉ tiêu",
        _ => "Phần cuối văn bản (nơi nhận, chữ ký)",
    };

    private static string Paragraphs(int count) => count.ToString(CultureInfo.InvariantCulture) + " đoạn";

    private static string FirstWords(string text)
    {
        var line = VietnameseText.CollapseSpaces(text.Replace('\n', ' '));
        return DraftImportTexts.Shorten(line, FirstWordsChars);
    }

    private static JsonObject Card(JsonArray body, JsonArray actions) => new()
    {
        ["type"] = "AdaptiveCard",
        ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
        ["version"] = "1.5",
        ["body"] = body,
        ["actions"] = actions,
    };

    private static JsonObject Submit(string title, string route, string importId, bool positive = false)
    {
        var action = new JsonObject
        {
            ["type"] = "Action.Submit",
            ["title"] = title,
            ["data"] = new JsonObject { ["action"] = route, ["importId"] = importId },
        };
        if (positive)
            action["style"] = "positive";
        return action;
    }

    private static JsonObject Choice(string title, string value) => new() { ["title"] = title, ["value"] = value };

    private static JsonObject Text(string text, bool bold = false, bool medium = false, bool subtle = false, bool small = false, string? color = null)
    {
        // Every text on these cards is shown as written: file names, headings and first words of the draft are data.
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = MarkdownText.Literal(text), ["wrap"] = true };
        if (bold)
            block["weight"] = "Bolder";
        if (medium)
            block["size"] = "Medium";
        else if (small)
            block["size"] = "Small";
        if (subtle)
            block["isSubtle"] = true;
        if (color is not null)
            block["color"] = color;
        return block;
    }
}
