using System.Text.Json;
using SoKet.Bot.Campaigns.Import;
using SoKet.Bot.Tests.Campaigns.Import;
using SoKet.Bot.Tests.Infrastructure;

namespace SoKet.Bot.Tests.Cli;

/// <summary>`import-plan PATH [--json]`, run as the real program.</summary>
public sealed class ImportPlanCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Prints_the_documented_JSON_of_a_seed_plan()
    {
        var result = await BotProcess.RunAsync(_folder.Path, null, "import-plan", SeedPlans.PathOf(SeedPlans.LaiChau), "--json");

        Assert.Equal((0, ""), (result.ExitCode, result.Error));
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.Equal("125-KH/ThU", root.GetProperty("number").GetProperty("code").GetString());
        Assert.Equal("2023-03-21", root.GetProperty("issuedOn").GetProperty("date").GetString());
        Assert.Equal(
            ["2023-06-30", "2023-06-30", "2023-07-30", "2023-06-25", "2023-06-25", "2023-06-25", null],
            root.GetProperty("deadlines").EnumerateArray().Select(d => d.GetProperty("date") is { ValueKind: JsonValueKind.Object } date ? date.GetProperty("date").GetString() : null));
        // Exactly what the importer produces in process: the command adds nothing and loses nothing.
        Assert.Equal(PlanExtractionJson.Serialize(SeedPlans.Import(SeedPlans.LaiChau)), result.Output.TrimEnd('\n', '\r'));
    }

    [Fact]
    public async Task Prints_a_Vietnamese_summary_and_creates_nothing()
    {
        var databasePath = System.IO.Path.Combine(_folder.Path, "store", "soket.db");
        var environment = new Dictionary<string, string>
        {
            ["Store__ConnectionString"] = $"Data Source={databasePath}",
            ["Store__DataDirectory"] = System.IO.Path.Combine(_folder.Path, "store"),
        };

        var result = await BotProcess.RunAsync(_folder.Path, environment, "import-plan", SeedPlans.PathOf(SeedPlans.LaiChau));

        Assert.Equal((0, ""), (result.ExitCode, result.Error));
        var output = result.Output;
        Assert.Contains("Số, ký hiệu: 125-KH/ThU\n", output, StringComparison.Ordinal);
        Assert.Contains("Cơ quan ban hành: Ban Thường vụ Thành ủy\n", output, StringComparison.Ordinal);
        Assert.Contains("Nơi, ngày ban hành: TP. Lai Châu, 21/03/2023\n", output, StringComparison.Ordinal);
        Assert.Contains("Thời điểm đánh giá: từ sau đại hội chi bộ, đảng bộ; đến 30/06/2023 (văn bản ghi “tháng 6/2023”); dự ước thực hiện cả năm 2023\n", output, StringComparison.Ordinal);
        Assert.Contains("Báo cáo gửi về: Ban Thường vụ Thành ủy (qua Văn phòng Thành ủy)\n", output, StringComparison.Ordinal);
        Assert.Contains("  D2. [Cấp cơ sở] Gửi báo cáo: trước ngày 30/06/2023\n", output, StringComparison.Ordinal);
        Assert.Contains("  D3. [Thành ủy Lai Châu] Tổ chức hội nghị sơ kết: trước ngày 30/07/2023\n", output, StringComparison.Ordinal);
        Assert.Contains("  D5. [UBND thành phố] Gửi báo cáo: trước ngày 25/06/2023\n", output, StringComparison.Ordinal);
        Assert.Contains("  D7. [Cấp cơ sở] Gửi dự thảo xin ý kiến: trước hội nghị sơ kết (kế hoạch không nêu ngày)\n", output, StringComparison.Ordinal);
        Assert.Contains("Đề cương báo cáo (dựng từ phần nội dung của kế hoạch): 2 mục\n", output, StringComparison.Ordinal);
        Assert.Contains("SoKet đề xuất dùng đề cương tham khảo", output, StringComparison.Ordinal);
        Assert.EndsWith("Chưa tạo đợt sơ kết nào: lệnh import-plan chỉ đọc kế hoạch và in kết quả.\n", output, StringComparison.Ordinal);

        Assert.False(File.Exists(databasePath), "import-plan must not open the database.");
        Assert.False(Directory.Exists(System.IO.Path.Combine(_folder.Path, "store")));
    }

    [Fact]
    public async Task Prints_the_outline_tree_of_a_plan_with_an_attached_outline()
    {
        var result = await BotProcess.RunAsync(_folder.Path, null, "import-plan", SeedPlans.PathOf(SeedPlans.HaTinh));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(
            "\n  Phần 1 ĐÁNH GIÁ KẾT QUẢ GIỮA NHIỆM KỲ THỰC HIỆN NGHỊ QUYẾT\n    A. KHÁI QUÁT ĐẶC ĐIỂM TÌNH HÌNH\n    B. KẾT QUẢ ĐẠT ĐƯỢC\n      I. Lãnh đạo công tác xây dựng Đảng",
            result.Output, StringComparison.Ordinal);
        Assert.Contains("Số liệu tính đến: 30/05/2023\n", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_relative_path_is_read_from_the_folder_the_command_was_typed_in()
    {
        File.Copy(SeedPlans.PathOf(SeedPlans.DangUyKhoi), System.IO.Path.Combine(_folder.Path, "ke-hoach.txt"));

        var result = await BotProcess.RunAsync(_folder.Path, null, "import-plan", "ke-hoach.txt", "--json");

        Assert.Equal((0, ""), (result.ExitCode, result.Error));
        Assert.Contains("\"schemaVersion\": 1", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unsupported_file_is_refused_with_the_importers_message()
    {
        var pdf = System.IO.Path.Combine(_folder.Path, "ke-hoach.pdf");
        await File.WriteAllBytesAsync(pdf, "%PDF-1.7\n%âãÏÓ\n1 0 obj\n"u8.ToArray());

        var result = await BotProcess.RunAsync(_folder.Path, null, "import-plan", pdf);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.Equal(PlanFileMessages.For(PlanFileProblem.Pdf, "ke-hoach.pdf") + "\n", result.Error);
    }

    [Fact]
    public async Task An_empty_file_is_refused()
    {
        var empty = System.IO.Path.Combine(_folder.Path, "trong.txt");
        await File.WriteAllTextAsync(empty, "");

        var result = await BotProcess.RunAsync(_folder.Path, null, "import-plan", empty, "--json");

        Assert.Equal((1, ""), (result.ExitCode, result.Output));
        Assert.Equal(PlanFileMessages.For(PlanFileProblem.Empty, "trong.txt") + "\n", result.Error);
    }

    [Fact]
    public async Task A_missing_file_is_named()
    {
        var result = await BotProcess.RunAsync(_folder.Path, null, "import-plan", "khong-co.docx");

        Assert.Equal((1, ""), (result.ExitCode, result.Output));
        Assert.Equal("Không tìm thấy tệp “khong-co.docx”. Vui lòng kiểm tra lại đường dẫn.\n", result.Error);
    }

    [Fact]
    public async Task A_missing_path_is_a_usage_error()
    {
        var result = await BotProcess.RunAsync(_folder.Path, null, "import-plan", "--json");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("Thiếu đường dẫn tệp kế hoạch: import-plan PATH [--json].", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_the_commands()
    {
        var result = await BotProcess.RunAsync(_folder.Path, null, "--help");

        Assert.Equal((0, ""), (result.ExitCode, result.Error));
        Assert.Contains("dotnet run --project SoKet.Bot -- import-plan PATH [--json]", result.Output, StringComparison.Ordinal);
        Assert.Contains("dotnet run --project SoKet.Bot -- import-units CAMPAIGN PATH", result.Output, StringComparison.Ordinal);
        Assert.Contains("dotnet run --project SoKet.Bot -- --demo", result.Output, StringComparison.Ordinal);
    }
}
