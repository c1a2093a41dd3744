using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using SoKet.Bot.Protocol;
using SoKet.Bot.Reminders.Sending;
using SoKet.Bot.Reports;
using SoKet.Bot.Tests.Drafting;
using SoKet.Bot.Tests.Infrastructure;
using SoKet.Bot.Text;
using static SoKet.Bot.Tests.Drafting.DraftingChat;

namespace SoKet.Bot.Tests.Wording;

/// <summary>
/// No word said twice in a row ("Gửi gửi dự thảo", "Phụ lục Phụ lục so sánh …" were seen: a template's word before
/// data that already starts with it). The main flows run over the web chat against each real plan — help, drafting
/// (sections, indicators, whole draft, review, submission), deadline questions, status, export, compilation, reminder
/// settings and the reminders themselves — and every message and every text of every card is scanned.
/// </summary>
public sealed partial class RepeatedWordTests : IAsyncLifetime
{
    /// <summary>
    /// Two different words that fold to the same letters (the scan ignores diacritics, so that "gửi gui" is caught),
    /// or a real Vietnamese doubling, written as shown (lower case) with the reason it is not a repetition.
    /// </summary>
    private static readonly Dictionary<string, string> Allowed = new(StringComparer.Ordinal)
    {
        ["để đề"] = "Lai Châu's plan (125-KH/ThU, guidance of the self-review): «lắng nghe nhiều chiều để đề ra kế hoạch» — «để» (in order to) and «đề ra» (to set out) are two words.",
    };

    private readonly BotApp _app = new();
    private DraftingChat _an = null!;
    private DraftingChat _leader = null!;
    private DraftingChat _office = null!;
    private readonly List<(string Where, string Text)> _seen = [];

    public async Task InitializeAsync()
    {
        _an = await DraftingChat.OpenAsync(_app);
        _leader = await DraftingChat.OpenAsync(_app);
        _office = await DraftingChat.OpenAsync(_app);
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    /// <param name="source">Text of the plan that once came out doubled, which the scan must have read.</param>
    [Theory]
    [InlineData(DraftingSeed.LaiChau, "gửi dự thảo báo cáo xin ý kiến")]       // was «Gửi gửi dự thảo báo cáo xin ý kiến đồng chí …»
    [InlineData(DraftingSeed.HaTinh, "Phụ lục so sánh kết quả thực hiện")]    // was «Phụ lục Phụ lục so sánh …»
    [InlineData("ke-hoach-dang-uy-khoi-doanh-nghiep-2018.txt", "Phụ lục: Lập biểu tổng hợp")] // was «Phụ lục Phụ lục: Lập biểu …»
    public async Task The_main_flows_never_say_a_word_twice_in_a_row(string plan, string source)
    {
        DraftingSeed seed;
        await using (var db = _app.OpenStore())
        {
            seed = await DraftingSeed.CreateAsync(db, [(_an.Client.UserId, "Nguyễn Văn An")], plan, leaderUserId: _leader.Client.UserId);
            await DraftingSeed.AddOfficeAsync(db, _office.Client.UserId);
        }

        await Say(_an, "trợ giúp");
        await Say(_an, "soạn báo cáo");
        await Press(_an, "Soạn tiếp");
        await Press(_an, "Lưu và tiếp tục", new { text = "Chi bộ có 25 đảng viên, sinh hoạt đều đặn, đoàn kết." });
        await Press(_an, "Lưu và tiếp tục", new { text = "Công tác xây dựng Đảng được tăng cường, kết nạp 3 đảng viên mới." });
        await Say(_an, "nhập chỉ tiêu");
        await Press(_an, "Lưu chỉ tiêu", new { name = "Kết nạp đảng viên mới", unitOfMeasure = "đảng viên", target = "2", result = "3", estimate = "3", lowerIsBetter = "false" });
        await Press(_an, "Lưu chỉ tiêu", new { name = "Tỷ lệ hộ nghèo", unitOfMeasure = "%", target = "4,2", result = "4,5", estimate = "", lowerIsBetter = "true" });
        await Say(_an, "gợi ý hạn chế");
        await Say(_an, "xem toàn bộ");
        await Say(_an, "soạn báo cáo");
        foreach (var question in new[] { "hạn nộp báo cáo khi nào?", "bao giờ họp sơ kết?", "số liệu tính đến ngày nào?", "gửi báo cáo cho ai?", "còn mấy ngày?" })
            await Say(_an, question);

        await Say(_an, "gửi xin ý kiến");
        var request = await _leader.Client.ReadBotActivitiesAsync(1);
        Record("leader: review card", request);
        var review = LastCard(request)!;
        Record("leader: approve", await _leader.PressAsync("Đồng ý", new Dictionary<string, string> { ["general"] = "" }, review));
        Record("drafter: approval notice", await _an.Client.ReadBotActivitiesAsync(1));
        await Say(_an, "nộp báo cáo");
        await Press(_an, "Xác nhận nộp");
        Record("office: submission notice", await _office.Client.ReadBotActivitiesAsync(1));
        await Say(_an, "xuất báo cáo");

        await Say(_office, "tình hình nộp báo cáo");
        await Say(_office, "danh sách đơn vị");
        await Say(_office, "cài đặt nhắc hạn");
        await Say(_office, "đôn đốc tất cả");
        await Say(_office, "tổng hợp báo cáo");

        // The reminders themselves, as a unit, its leader and the office would get them.
        using (var scope = _app.Services.CreateScope())
        {
            var units = await scope.ServiceProvider.GetRequiredService<SubmissionStatusQuery>().ListAsync(seed.Campaign.Id, null, CancellationToken.None);
            var composer = scope.ServiceProvider.GetRequiredService<ReminderMessageComposer>();
            var unit = units.Single() with { Status = ReportStatus.Drafting };
            var deadline = unit.Deadline ?? new DateOnly(2023, 6, 30);
            unit = unit with { Deadline = deadline };
            foreach (var today in new[] { deadline.AddDays(-3), deadline, deadline.AddDays(2) })
                Record("reminder", [composer.UnitReminder(unit, today, manual: false), composer.UnitReminder(unit, today, manual: true)]);
            Record("leader digest", [composer.LeaderDigest([unit], deadline.AddDays(2))]);
            Record("admin summary", [composer.AdminSummary([unit], deadline.AddDays(2), unreachable: 0)]);
        }

        var repeats = _seen.SelectMany(s => Repeats(s.Text).Select(r => $"{s.Where}: «{r}» in «{s.Text}»")).Distinct().ToList();
        Assert.True(repeats.Count == 0, string.Join("\n", repeats));
        // The scan read the flows: the main answers are among what it saw.
        Assert.Contains(_seen, s => s.Where.StartsWith("drafter: hạn nộp báo cáo khi nào?", StringComparison.Ordinal) && s.Text.Contains("hạn", StringComparison.Ordinal));
        Assert.Contains(_seen, s => s.Where.StartsWith("drafter: xem toàn bộ", StringComparison.Ordinal));
        Assert.True(_seen.Count > 200, $"Only {_seen.Count} texts were scanned.");
        Assert.Contains(_seen, s => s.Text.Contains(source, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Gửi gửi dự thảo", "gửi gửi")]
    [InlineData("Phụ lục Phụ lục so sánh", "phụ lục phụ lục")]
    [InlineData("hạn gửi GỬI", "gửi gửi")]
    [InlineData("gửi gui báo cáo", "gửi gui")]
    [InlineData(@"Đã gửi  gửi \_dự thảo\_", "gửi gửi")]
    public void The_scan_finds_a_repeated_word_whatever_its_case_and_diacritics(string text, string expected) =>
        Assert.Equal([expected], Repeats(text).Select(f => f.ToLowerInvariant()));

    [Theory]
    [InlineData("Đã soạn 2/2 mục, còn 2 2 ngày")]
    [InlineData("thứ Sáu, 30/06/2023 (còn 33 ngày)")]
    [InlineData("1. 1. Chi bộ")]
    [InlineData("Hạn gửi báo cáo: gửi Ban Thường vụ")]
    public void Numbers_and_words_apart_are_not_repeats(string text) => Assert.Empty(Repeats(text));

    /// <summary>
    /// Immediately repeated words, or pairs of words ("Phụ lục Phụ lục"), compared folded (lower case, no diacritics).
    /// Only words with nothing but blanks between them count: a number, a punctuation mark or a line break between
    /// two equal words ("cấp ủy, Ủy ban", "II. Nguyên nhân" / "1. Nguyên nhân …") is not a repetition.
    /// </summary>
    internal static List<string> Repeats(string text)
    {
        var found = new List<string>();
        foreach (var line in Unescape(text).Split('\n'))
        {
            var words = Word().Matches(line).ToList();
            var folded = words.Select(w => VietnameseText.Fold(w.Value)).ToList();
            bool Adjacent(int i) => string.IsNullOrWhiteSpace(line[(words[i].Index + words[i].Length)..words[i + 1].Index]);
            for (var i = 0; i + 1 < words.Count; i++)
            {
                if (Adjacent(i) && folded[i] == folded[i + 1])
                    Add($"{words[i].Value} {words[i + 1].Value}");
                else if (i + 3 < words.Count && Adjacent(i) && Adjacent(i + 1) && Adjacent(i + 2)
                         && folded[i] == folded[i + 2] && folded[i + 1] == folded[i + 3])
                    Add($"{words[i].Value} {words[i + 1].Value} {words[i + 2].Value} {words[i + 3].Value}");
            }
        }
        return found;

        void Add(string repeat)
        {
            if (!Allowed.ContainsKey(repeat.ToLowerInvariant()))
                found.Add(repeat);
        }
    }

    [Fact]
    public void Allowed_pairs_are_different_words_and_a_real_doubling_of_them_is_still_caught()
    {
        Assert.Empty(Repeats("lắng nghe nhiều chiều để đề ra kế hoạch"));
        Assert.Equal(["để để"], Repeats("lắng nghe để để ra kế hoạch"));
        Assert.Empty(Repeats("giám sát của cấp ủy, Ủy ban Kiểm tra"));
        Assert.Empty(Repeats("II. Nguyên nhân\n1. Nguyên nhân của những kết quả"));
        Assert.Empty(Repeats("**II. Nguyên nhân** **1. Nguyên nhân của những kết quả**"));
    }

    // Letters with their marks; digits and punctuation are not words.
    [GeneratedRegex(@"[\p{L}\p{M}]+")]
    private static partial Regex Word();

    private static string Unescape(string text) => MarkdownEscape().Replace(text, "$1");

    [GeneratedRegex(@"\\([!-/:-@\[-`{-~])")]
    private static partial Regex MarkdownEscape();

    private async Task Say(DraftingChat chat, string text) =>
        Record($"{Who(chat)}: {text}", await chat.SayAsync(text));

    private async Task Press(DraftingChat chat, string title, object? inputs = null) =>
        Record($"{Who(chat)}: [{title}]", await chat.PressAsync(title, inputs));

    private string Who(DraftingChat chat) => chat == _an ? "drafter" : chat == _leader ? "leader" : "office";

    private void Record(string where, IEnumerable<Activity> replies)
    {
        foreach (var reply in replies)
        {
            if (!string.IsNullOrEmpty(reply.Text))
                _seen.Add((where, reply.Text));
            if (!string.IsNullOrEmpty(reply.Summary))
                _seen.Add((where, reply.Summary));
            foreach (var attachment in reply.Attachments ?? [])
                CardStrings(attachment.Content, where);
        }
    }

    // Properties that are not words a reader sees.
    private static readonly HashSet<string> NotText = new(StringComparer.Ordinal)
    {
        "type", "version", "$schema", "id", "style", "color", "size", "weight", "spacing", "width", "height", "horizontalAlignment",
        "verticalContentAlignment", "fontType", "url", "iconUrl", "valueOn", "valueOff", "verb", "associatedInputs", "targetElements", "data", "msteams",
    };

    private void CardStrings(JsonNode? node, string where)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    if (!NotText.Contains(key))
                        CardStrings(child, where);
                }
                break;
            case JsonArray array:
                foreach (var child in array)
                    CardStrings(child, where);
                break;
            case JsonValue value when value.TryGetValue<string>(out var text) && text.Length > 0:
                _seen.Add((where, text));
                break;
        }
    }
}
