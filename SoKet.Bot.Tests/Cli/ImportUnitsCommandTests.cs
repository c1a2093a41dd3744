using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Tests.Campaigns.Units;
using SoKet.Bot.Tests.Infrastructure;

namespace SoKet.Bot.Tests.Cli;

/// <summary>`import-units CAMPAIGN PATH`, run as the real program against a SQLite file named by Store__ConnectionString.</summary>
[Trait("Category", "Store")]
public sealed class ImportUnitsCommandTests : IAsyncLifetime
{
    private const string Units = """
        Tên đơn vị;Nhóm;Có chi ủy;Lãnh đạo phụ trách;Bí thư;Thành viên
        Chi bộ Phòng Tài chính - Kế hoạch thành phố;Cấp cơ sở;không;Lò Văn Hùng <hung.lv@laichau.example>;hanh.nt@laichau.example;minh.tv@laichau.example
        Đảng bộ phường Tân Phong;Cấp cơ sở;có;ha.ntt@laichau.example;thang.hv@laichau.example;"sen.lt@laichau.example; long.vd@laichau.example"
        """;

    private TestStore _store = null!;
    private Campaign _campaign = null!;
    private Dictionary<string, string> _environment = null!;

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateMigratedAsync();
        await using var db = _store.Open();
        _campaign = await UnitTestData.AddLaiChauCampaignAsync(db);
        _environment = new() { ["Store__Provider"] = TestStore.Provider.Name, ["Store__ConnectionString"] = _store.ConnectionString };
    }

    public Task DisposeAsync()
    {
        _store.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Loads_units_into_the_campaign_named_by_its_code_then_updates_them_by_id()
    {
        var csv = await WriteAsync("don-vi.csv", Units);

        var first = await BotProcess.RunAsync(_store.Directory, _environment, "import-units", "125-KH/ThU", csv);

        Assert.Equal((0, ""), (first.ExitCode, first.Error));
        Assert.Equal(
            "Đã nạp 2 đơn vị vào đợt sơ kết 125-KH/ThU: 2 đơn vị mới, 0 đơn vị được cập nhật, 0 đơn vị không thay đổi; thêm 7 người mới vào danh bạ. Các đơn vị không có trong tệp được giữ nguyên.\n" +
            $"Cơ sở dữ liệu: {_store.Description}\n",
            first.Output);
        await using (var db = _store.Open())
        {
            var ward = await db.Units.Include(u => u.Members).SingleAsync(u => u.Name == "Đảng bộ phường Tân Phong");
            Assert.True(ward.HasCommittee);
            Assert.Equal(3, ward.Members.Count);
            Assert.Equal(1, ward.Members.Count(m => m.Role == MemberRole.Secretary));
        }

        var changed = await WriteAsync("don-vi-2.csv", Units.Replace("Đảng bộ phường Tân Phong;Cấp cơ sở;có", "Đảng bộ phường Tân Phong;Cấp cơ sở;không", StringComparison.Ordinal));
        var second = await BotProcess.RunAsync(_store.Directory, _environment, "import-units", _campaign.Id.ToString(), changed);

        Assert.Equal(0, second.ExitCode);
        Assert.StartsWith("Đã nạp 2 đơn vị vào đợt sơ kết 125-KH/ThU: 0 đơn vị mới, 1 đơn vị được cập nhật, 1 đơn vị không thay đổi; thêm 0 người mới", second.Output, StringComparison.Ordinal);
        await using var check = _store.Open();
        Assert.False((await check.Units.SingleAsync(u => u.Name == "Đảng bộ phường Tân Phong")).HasCommittee);
    }

    [Fact]
    public async Task A_file_with_problems_changes_nothing_and_the_problems_are_printed()
    {
        await BotProcess.RunAsync(_store.Directory, _environment, "import-units", "125-KH/ThU", await WriteAsync("don-vi.csv", Units));
        string before;
        await using (var db = _store.Open())
            before = await UnitTestData.SnapshotAsync(db);

        var bad = await WriteAsync("sai.csv", """
            Tên đơn vị;Nhóm;Thành viên
            Chi bộ Phòng Tài chính - Kế hoạch thành phố;Cấp cơ sở;minh.tv@laichau.example
            Chi bộ Phòng Nội vụ;Phòng ban;noivu@laichau.example
            chi bo phong tai chinh - ke hoach thanh pho;Cấp cơ sở;minh.tv
            """);
        var result = await BotProcess.RunAsync(_store.Directory, _environment, "import-units", "125-KH/ThU", bad);

        Assert.Equal((1, ""), (result.ExitCode, result.Output));
        Assert.StartsWith("Danh sách đơn vị chưa được nạp vì tệp có 4 lỗi; chưa có thay đổi nào được lưu.\n", result.Error, StringComparison.Ordinal);
        Assert.Contains("- Dòng 3: nhóm “Phòng ban” của đơn vị “Chi bộ Phòng Nội vụ” không có trong kế hoạch 125-KH/ThU.\n", result.Error, StringComparison.Ordinal);
        Assert.Contains("- Dòng 4: “minh.tv” ở cột “Thành viên” không phải địa chỉ e-mail hợp lệ", result.Error, StringComparison.Ordinal);
        Assert.Contains("- Dòng 4: đơn vị “chi bo phong tai chinh - ke hoach thanh pho” trùng tên với đơn vị ở dòng 2", result.Error, StringComparison.Ordinal);
        await using var check = _store.Open();
        Assert.Equal(before, await UnitTestData.SnapshotAsync(check));
    }

    [Fact]
    public async Task A_file_without_the_required_columns_is_refused()
    {
        var result = await BotProcess.RunAsync(_store.Directory, _environment, "import-units", "125-KH/ThU", await WriteAsync("sai.csv", "Đơn vị,Email\nChi bộ A,a@laichau.example\n"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Tệp thiếu cột bắt buộc “Nhóm”.", result.Error, StringComparison.Ordinal);
        await using var db = _store.Open();
        Assert.Equal(0, await db.Units.CountAsync());
    }

    [Fact]
    public async Task An_unknown_campaign_is_refused_with_the_campaigns_there_are()
    {
        var result = await BotProcess.RunAsync(_store.Directory, _environment, "import-units", "999-KH/TU", await WriteAsync("don-vi.csv", Units));

        Assert.Equal((1, ""), (result.ExitCode, result.Output));
        Assert.Equal("Không có đợt sơ kết nào có số hiệu “999-KH/TU”. Các đợt hiện có: 125-KH/ThU.\n", result.Error);
    }

    [Fact]
    public async Task A_missing_file_is_named_before_the_store_is_opened()
    {
        var result = await BotProcess.RunAsync(_store.Directory, _environment, "import-units", "125-KH/ThU", "khong-co.csv");

        Assert.Equal((1, "Không tìm thấy tệp “khong-co.csv”. Vui lòng kiểm tra lại đường dẫn.\n"), (result.ExitCode, result.Error));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_store_can_be_named_by_a_setting_after_the_arguments(bool withEquals)
    {
        var csv = await WriteAsync("don-vi.csv", Units);
        string[] setting = withEquals
            ? [$"--Store:Provider={TestStore.Provider.Name}", $"--Store:ConnectionString={_store.ConnectionString}"]
            : ["--Store:Provider", TestStore.Provider.Name, "--Store:ConnectionString", _store.ConnectionString];

        var result = await BotProcess.RunAsync(_store.Directory, null, ["import-units", "125-KH/ThU", csv, .. setting]);

        Assert.Equal((0, ""), (result.ExitCode, result.Error));
        Assert.EndsWith($"Cơ sở dữ liệu: {_store.Description}\n", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_arguments_are_a_usage_error()
    {
        var result = await BotProcess.RunAsync(_store.Directory, _environment, "import-units", "125-KH/ThU");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("Cú pháp: import-units CAMPAIGN PATH", result.Error, StringComparison.Ordinal);
    }

    private async Task<string> WriteAsync(string name, string content)
    {
        var path = Path.Combine(_store.Directory, name);
        await File.WriteAllTextAsync(path, content);
        return path;
    }
}
