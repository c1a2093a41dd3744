using System.Text;
using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Campaigns.Units;
using SoKet.Bot.Tests.Infrastructure;
using static SoKet.Bot.Tests.Campaigns.Units.UnitTestData;

namespace SoKet.Bot.Tests.Campaigns.Units;

/// <summary>
/// A bad unit list is refused as a whole with a Vietnamese message naming the problem (and the line), and
/// the units already loaded stay exactly as they were.
/// </summary>
[Trait("Category", "Store")]
public sealed class UnitCsvRejectionTests : IAsyncLifetime
{
    private const string ValidList = """
        Tên đơn vị;Nhóm;Có chi ủy;Lãnh đạo phụ trách;Thành viên
        Chi bộ Phòng Tài chính - Kế hoạch thành phố;Cấp cơ sở;không;hung.lv@laichau.example;hanh.nt@laichau.example
        Đảng bộ phường Tân Phong;Cấp cơ sở;có;ha.ntt@laichau.example;thang.hv@laichau.example
        """;

    private TestStore _store = null!;
    private Campaign _campaign = null!;
    private string _before = "";

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateMigratedAsync();
        await using var db = _store.Open();
        _campaign = await AddLaiChauCampaignAsync(db);
        var loaded = await ImportAsync(Utf8(ValidList));
        Assert.True(loaded.Succeeded, loaded.DescribeProblems());
        await using var check = _store.Open();
        _before = await SnapshotAsync(check);
    }

    public Task DisposeAsync()
    {
        _store.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task An_empty_file_is_refused()
    {
        var result = await ImportAsync([]);

        Assert.Equal("Tệp “don-vi.csv” rỗng, không có dòng nào. Vui lòng gửi tệp CSV có dòng tiêu đề và danh sách đơn vị.", Single(result));
        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task A_file_of_blank_lines_is_refused_as_empty()
    {
        var result = await ImportAsync(Utf8("\r\n  \r\n", bom: true));

        Assert.Contains("rỗng", Single(result), StringComparison.Ordinal);
        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task A_binary_file_is_refused()
    {
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52 };

        var result = await ImportAsync(png);

        Assert.Contains("không phải tệp văn bản CSV", Single(result), StringComparison.Ordinal);
        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task An_Excel_workbook_is_refused_with_how_to_save_it_as_CSV()
    {
        var xlsx = "PK\u0003\u0004\u0014\0\u0006\0"u8.ToArray();

        var message = Single(await ImportAsync(xlsx));

        Assert.Contains("bảng tính Excel (.xlsx)", message, StringComparison.Ordinal);
        Assert.Contains("CSV UTF-8", message, StringComparison.Ordinal);
        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task A_legacy_code_page_is_refused_rather_than_garbling_the_names()
    {
        // "Tên đơn vị;Nhóm\nChi bộ A;Cấp cơ sở" in Windows-1258: é, ơ, đ are single bytes above 0x7F.
        var windows1258 = new byte[] { 0x54, 0xEA, 0x6E, 0x20, 0xF0, 0xF5, 0x6E, 0x20, 0x76, 0xCB, 0x3B, 0x4E, 0x68, 0xF3, 0x6D, 0x0A, 0x43, 0x68, 0x69, 0x20, 0x62, 0xF4, 0xD2, 0x20, 0x41, 0x3B, 0x43, 0xE2, 0xEC, 0x70, 0x20, 0x63, 0xF5, 0x20, 0x73, 0xF5, 0xD2 };

        var message = Single(await ImportAsync(windows1258));

        Assert.Contains("không dùng bảng mã UTF-8", message, StringComparison.Ordinal);
        Assert.Contains("Windows-1258", message, StringComparison.Ordinal);
        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task Missing_required_columns_are_named()
    {
        var message = Single(await ImportAsync(Utf8("Đơn vị;Lãnh đạo phụ trách\nChi bộ A;hung.lv@laichau.example\n")));

        Assert.StartsWith("Tệp thiếu cột bắt buộc “Nhóm”.", message, StringComparison.Ordinal);
        Assert.Contains("Dòng tiêu đề đọc được: “Đơn vị”, “Lãnh đạo phụ trách”.", message, StringComparison.Ordinal);

        var both = Single(await ImportAsync(Utf8("Unit code;Parent\nA;B\n")));
        Assert.StartsWith("Tệp thiếu cột bắt buộc “Tên đơn vị” và “Nhóm”.", both, StringComparison.Ordinal);
        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task A_header_without_units_is_refused()
    {
        var message = Single(await ImportAsync(Utf8("Tên đơn vị;Nhóm\n")));

        Assert.Contains("chỉ có dòng tiêu đề", message, StringComparison.Ordinal);
        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task An_unknown_group_is_named_with_its_line_and_the_valid_groups_are_listed()
    {
        var result = await ImportAsync(Utf8("""
            Tên đơn vị;Nhóm
            Chi bộ Phòng Tài chính - Kế hoạch thành phố;Cấp cơ sở
            Đảng bộ xã San Thàng;Xã biên giới
            """));

        Assert.False(result.Succeeded);
        Assert.Equal(
            [
                "Các nhóm đơn vị (đối tượng) của kế hoạch 125-KH/ThU: “Cấp cơ sở”; “Thành ủy Lai Châu”; “Thường trực HĐND thành phố”; “UBND thành phố”; " +
                "“Các ban Đảng, Ủy ban MTTQ Việt Nam và các tổ chức chính trị - xã hội thành phố”. Cột “Nhóm” ghi đúng tên một nhóm, có hoặc không dấu, hoặc phần đầu đủ rõ của tên nhóm.",
                "Dòng 3: nhóm “Xã biên giới” của đơn vị “Đảng bộ xã San Thàng” không có trong kế hoạch 125-KH/ThU.",
            ],
            result.Problems.Select(p => p.ToString()));
        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task A_group_that_fits_several_is_refused_as_ambiguous()
    {
        var message = (await ImportAsync(Utf8("Tên đơn vị;Nhóm\nĐơn vị A;thành phố\n"))).Problems[1].ToString();

        Assert.StartsWith("Dòng 2: nhóm “thành phố” của đơn vị “Đơn vị A” khớp với nhiều nhóm (“Thường trực HĐND thành phố”; “UBND thành phố”;", message, StringComparison.Ordinal);
        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task Duplicate_units_are_named_with_both_lines_even_written_without_diacritics()
    {
        var result = await ImportAsync(Utf8("""
            Tên đơn vị;Nhóm;Có chi ủy
            Chi bộ Phòng Tài chính - Kế hoạch thành phố;Cấp cơ sở;không
            Đảng bộ phường Tân Phong;Cấp cơ sở;có
            chi bo phong tai chinh - ke hoach thanh pho;Cấp cơ sở;có
            """));

        Assert.Equal(
            "Dòng 4: đơn vị “chi bo phong tai chinh - ke hoach thanh pho” trùng tên với đơn vị ở dòng 2; mỗi đơn vị chỉ ghi một dòng.",
            Single(result));
        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task Invalid_e_mails_are_named_with_their_column_and_line()
    {
        var result = await ImportAsync(Utf8("""
            Tên đơn vị;Nhóm;Lãnh đạo phụ trách;Thành viên
            Chi bộ Phòng Tài chính - Kế hoạch thành phố;Cấp cơ sở;Lò Văn Hùng;hanh.nt@laichau.example
            Đảng bộ phường Tân Phong;Cấp cơ sở;ha.ntt@laichau.example;thang.hv@laichau.example, Nguyễn Văn A <nguyenvana@laichau>
            """));

        Assert.Equal(
            [
                "Dòng 2: “Lò Văn Hùng” ở cột “Lãnh đạo phụ trách” không phải địa chỉ e-mail hợp lệ (ví dụ: nguyenvana@laichau.gov.vn hoặc Nguyễn Văn A <nguyenvana@laichau.gov.vn>).",
                "Dòng 3: “Nguyễn Văn A <nguyenvana@laichau>” ở cột “Thành viên” không phải địa chỉ e-mail hợp lệ (ví dụ: nguyenvana@laichau.gov.vn hoặc Nguyễn Văn A <nguyenvana@laichau.gov.vn>).",
            ],
            result.Problems.Select(p => p.ToString()));
        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task A_row_with_more_cells_than_the_header_is_refused_instead_of_losing_members()
    {
        // A semicolon list of members in a semicolon file, not quoted: the last members would fall outside every column.
        var message = Single(await ImportAsync(Utf8("Tên đơn vị;Nhóm;Thành viên\nChi bộ A;Cấp cơ sở;a@laichau.example; b@laichau.example\n")));

        Assert.Equal("Dòng 2: dòng có 4 ô, nhiều hơn 3 cột của dòng tiêu đề. Có thể một ô chứa dấu phân cách “;” mà không được đặt trong ngoặc kép; vui lòng kiểm tra lại dòng này.", message);
        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task A_committee_value_that_is_neither_yes_nor_no_is_refused()
    {
        var message = Single(await ImportAsync(Utf8("Tên đơn vị;Nhóm;Có chi ủy\nChi bộ A;Cấp cơ sở;chưa rõ\n")));

        Assert.Equal("Dòng 2: giá trị “chưa rõ” ở cột “Có chi ủy” không hợp lệ; vui lòng ghi “có” hoặc “không”.", message);
        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task More_than_twenty_thousand_units_are_refused()
    {
        var csv = new StringBuilder("Tên đơn vị;Nhóm\n");
        for (var i = 1; i <= UnitCsvImporter.MaxRows + 1; i++)
            csv.Append("Chi bộ số ").Append(i).Append(";Cấp cơ sở\n");

        var message = Single(await ImportAsync(Utf8(csv.ToString())));

        Assert.Equal("Tệp có hơn 20.000 dòng đơn vị, vượt quá giới hạn của một lần nạp. Vui lòng chia danh sách thành nhiều tệp nhỏ hơn.", message);
        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task A_twenty_megabyte_upload_is_refused_after_reading_only_the_limit()
    {
        var upload = new CountingStream(20 * 1024 * 1024);

        var result = UnitCsvImporter.Parse(upload, _campaign, "don-vi.csv");

        Assert.Equal("Tệp “don-vi.csv” vượt quá giới hạn 10 MB của một danh sách đơn vị. Vui lòng kiểm tra lại tệp (chỉ gồm các cột của danh sách đơn vị) rồi gửi lại.", Single(result));
        Assert.True(upload.BytesRead <= UnitCsvImporter.MaxBytes + 81920, $"read {upload.BytesRead} bytes");
        await AssertNothingChangedAsync();
    }

    [Fact]
    public void The_message_lists_the_first_problems_and_counts_the_rest()
    {
        var csv = new StringBuilder("Tên đơn vị;Nhóm;Thành viên\n");
        for (var i = 1; i <= 30; i++)
            csv.Append("Chi bộ ").Append(i).Append(";Cấp cơ sở;không-phải-email\n");

        var text = UnitCsvImporter.Parse(Utf8(csv.ToString()), _campaign).DescribeProblems();

        Assert.StartsWith("Danh sách đơn vị chưa được nạp vì tệp có 30 lỗi; chưa có thay đổi nào được lưu.\n- Dòng 2: “không-phải-email”", text, StringComparison.Ordinal);
        Assert.Contains("\n- … và 10 lỗi khác.\nĐề nghị đồng chí sửa tệp rồi gửi lại.", text, StringComparison.Ordinal);
    }

    /// <summary>What chat and the command line do: parse, and apply only a file without problems.</summary>
    private async Task<UnitCsvParseResult> ImportAsync(byte[] content)
    {
        await using var db = _store.Open();
        var campaign = await db.Campaigns.Include(c => c.Groups).SingleAsync(c => c.Id == _campaign.Id);
        var result = UnitCsvImporter.Parse(content, campaign, "don-vi.csv");
        if (result.Succeeded)
            await UnitCsvImporter.ApplyAsync(db, campaign.Id, result.Rows, "test-admin");
        return result;
    }

    private async Task AssertNothingChangedAsync()
    {
        await using var db = _store.Open();
        Assert.Equal(_before, await SnapshotAsync(db));
        Assert.Equal(2, await db.Units.CountAsync());
    }

    private static string Single(UnitCsvParseResult result)
    {
        Assert.False(result.Succeeded);
        Assert.Empty(result.Rows);
        return Assert.Single(result.Problems).ToString();
    }

    /// <summary>An upload of a given size that never ends early, counting what the importer reads from it.</summary>
    private sealed class CountingStream(long length) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - BytesRead);
            Array.Fill(buffer, (byte)'a', offset, n);
            BytesRead += n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
