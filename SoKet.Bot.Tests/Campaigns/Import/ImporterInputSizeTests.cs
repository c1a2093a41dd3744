using System.Diagnostics;
using System.Text;
using SoKet.Bot.Campaigns.Import;

namespace SoKet.Bot.Tests.Campaigns.Import;

/// <summary>
/// Anyone with the office role can upload anything: the importer's cost must grow with the text, not with its
/// square. Each shape below once took minutes or hours at this size (a bracket left open before many sentences,
/// a clause crowded with dates, "nêu trên" after every item, thousands of groups); a quadratic step anywhere would
/// show here as minutes. The bound is generous so a busy machine does not fail it: linear takes about a second.
/// </summary>
public sealed class ImporterInputSizeTests
{
    private const int TargetChars = 1_000_000;

    public static TheoryData<string> Shapes() => [.. Inputs.Keys];

    private static readonly Dictionary<string, (string Head, Func<int, string> Unit)> Inputs = new()
    {
        ["deadline lines"] = ("KẾ HOẠCH\nsơ kết\nI. TỔ CHỨC\n", _ => "- Các chi bộ gửi báo cáo về Đảng ủy trước ngày 15/6/2024; hoàn thành trước 20/6.\n"),
        ["one paragraph"] = ("KẾ HOẠCH\nsơ kết\nI. TỔ CHỨC\n", _ => "các chi bộ gửi báo cáo về Đảng ủy qua văn phòng "),
        ["open bracket"] = ("KẾ HOẠCH\nsơ kết\nI. TỔ CHỨC\n(", _ => "Hoàn thành. Gửi báo cáo. "),
        ["dates in one clause"] = ("KẾ HOẠCH\nsơ kết\nI. TỔ CHỨC\n- gửi báo cáo ", _ => "trước ngày 1/6/2024, trước 2/6 "),
        ["nêu trên after every item"] = ("KẾ HOẠCH\nsơ kết\nI. TỔ CHỨC\n", _ => "1. Các chi bộ xây dựng báo cáo.\nBáo cáo của các cơ quan, đơn vị nêu trên gửi về Đảng ủy trước ngày 10/6/2024.\n"),
        ["distinct groups"] = ("KẾ HOẠCH\nsơ kết\nI. TỔ CHỨC\n", i => $"- Các chi bộ số {i} gửi báo cáo trước ngày 15/6/2024.\n"),
        ["group headings"] = ("KẾ HOẠCH\nsơ kết\n", _ => "1. Đối với các chi bộ\n- Tổ chức hội nghị xong trước 30/6.\n"),
        ["table rows"] = ("KẾ HOẠCH\nsơ kết\nI. TỔ CHỨC\nTT\tĐơn vị thực hiện\tNội dung\tThời hạn\n", _ => "1\t\tGửi báo cáo\tTrước 30/6\n"),
        ["relative deadlines"] = ("KẾ HOẠCH\nsơ kết\nI. TỔ CHỨC\n", _ => "- Văn phòng tổng hợp sau 10 ngày kể từ hạn gửi báo cáo của các chi bộ, đảng bộ.\n"),
        ["send verbs without recipient"] = ("KẾ HOẠCH\nsơ kết\nI. TỔ CHỨC\n- Các chi bộ ", _ => "gửi về a "),
        ["words after ngày"] = ("KẾ HOẠCH\n", _ => "ngày ngày ngày tháng "),
        ["title in capitals"] = ("KẾ HOẠCH\n", _ => "SƠ KẾT GIỮA NHIỆM KỲ "),
        ["places without a unit"] = ("KẾ HOẠCH\nsơ kết\nI. TỔ CHỨC\n- hoàn thành ", _ => "ở a ("),
        ["names holding verbs"] = ("KẾ HOẠCH\nsơ kết\nI. TỔ CHỨC\n- ", _ => "Ban Tổ chức Ban Chỉ đạo các tổ chức "),
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void A_megabyte_of_crafted_text_is_read_in_linear_time(string shape)
    {
        var (head, unit) = Inputs[shape];
        var text = new StringBuilder(head, TargetChars + 200);
        for (var i = 0; text.Length < TargetChars; i++)
        {
            text.Append(unit(i));
        }

        var stopwatch = Stopwatch.StartNew();
        var plan = PlanImporter.Extract(text.ToString());
        stopwatch.Stop();

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(30), $"{shape}: {stopwatch.Elapsed}");
        Assert.True(plan.Deadlines.Count <= SoKet.Bot.Campaigns.Import.Parsing.DeadlineExtractor.MaxDeadlines);
    }
}
