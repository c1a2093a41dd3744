using System.Text;
using System.Text.Json.Nodes;
using SoKet.Bot.Reminders.Outbox;
using SoKet.Bot.Tests.Infrastructure;
using SoKet.Bot.Tests.Reminders;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Reports;

namespace SoKet.Bot.Tests.Tracking;

/// <summary>"tình hình nộp báo cáo", drilling into a group, the CSV export and "đôn đốc", over HTTP as Teams and web chat send them.</summary>
public sealed class SubmissionStatusChatTests : IAsyncLifetime
{
    // Monday 03/07/2023 10:00: the deadline (Friday 30/06) passed three days ago.
    private ReminderTestBed _bed = null!;

    public async Task InitializeAsync()
    {
        _bed = await ReminderTestBed.StartAsync(VietnamTime.At(2023, 7, 3, 10, 0), VietnamTime.Day(2023, 6, 30), units: 3);
        await _bed.SubmitAsync(_bed.Units[0]);
    }

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Theory]
    [InlineData("tình hình nộp báo cáo")]
    [InlineData("tinh hinh nop bao cao")]
    [InlineData("Tình hình nộp báo cáo thế nào?")]
    public async Task The_admin_sees_counts_groups_and_the_late_units(string text)
    {
        var card = CardText.Of(await _bed.AskAsync(_bed.AdminAad, text));

        Assert.Contains("Tình hình nộp báo cáo 125-KH/ThU", card);
        Assert.Contains("1/3", card);
        Assert.Contains("Quá hạn (2)", card);
        Assert.Contains("Chi bộ số 2", card);
        Assert.Contains("quá hạn 3 ngày", card);
        Assert.Contains(ReminderTestBed.GroupName, card);
        Assert.Contains("Đồng chí Lò Văn Hùng", card);
        Assert.Contains("Đôn đốc các đơn vị quá hạn", card);
    }

    [Fact]
    public async Task The_help_card_button_and_the_group_drill_down_work()
    {
        var overview = CardText.Of(await _bed.AskAsync(_bed.AdminAad, "", new JsonObject { ["command"] = "tinh-hinh-nop" }));
        Assert.Contains("Quá hạn (2)", overview);

        var group = CardText.Of(await _bed.AskAsync(_bed.AdminAad, "", new JsonObject { ["command"] = "tinh-hinh-nop", ["groupId"] = _bed.GroupId.ToString() }));
        Assert.Contains("Nhóm đơn vị: " + ReminderTestBed.GroupName, group);
        Assert.Contains("Chi bộ số 1", group);
        Assert.Contains("Đã nộp", group);
        Assert.Contains("0/2 mục", group);
    }

    [Fact]
    public async Task A_units_progress_counts_what_its_own_report_card_counts()
    {
        // The outline gains the indicator appendix and a self-review only units without a committee write.
        Guid text;
        await using (var db = _bed.App.OpenStore())
        {
            text = db.CampaignSections.Single(s => s.CampaignId == _bed.CampaignId && s.Order == 1).Id;
            db.CampaignSections.AddRange(
                new CampaignSection { Id = Guid.NewGuid(), CampaignId = _bed.CampaignId, Order = 3, Path = "3", NumberLabel = "III.", Level = 1, Heading = "Kiểm điểm của chi bộ", Condition = SoKet.Bot.Campaigns.Import.ConditionKind.UnitWithoutCommittee },
                new CampaignSection { Id = Guid.NewGuid(), CampaignId = _bed.CampaignId, Order = 4, Path = "4", NumberLabel = "", Level = 1, Heading = "Phụ lục chỉ tiêu", Kind = SoKet.Bot.Campaigns.Import.SectionKind.IndicatorTable });
            db.Units.Single(u => u.Id == _bed.Units[2].UnitId).HasCommittee = true;
            // Unit 2: one text section and one indicator row, as a unit that typed a paragraph and filled the table.
            var report = new Report
            {
                Id = Guid.NewGuid(), CampaignId = _bed.CampaignId, UnitId = _bed.Units[1].UnitId, Status = ReportStatus.Drafting,
                CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow,
            };
            report.Sections.Add(new SectionDraft { Id = Guid.NewGuid(), ReportId = report.Id, SectionId = text, Text = "Chi bộ duy trì sinh hoạt định kỳ.", Version = 1, UpdatedAtUtc = DateTime.UtcNow });
            report.Indicators.Add(new IndicatorRow { Id = Guid.NewGuid(), ReportId = report.Id, Order = 1, Name = "Kết nạp đảng viên mới", UnitOfMeasure = "đảng viên", Target = 3, Result = 1, Version = 1 });
            db.Reports.Add(report);
            await db.SaveChangesAsync();
        }

        var group = CardText.Of(await _bed.AskAsync(_bed.AdminAad, "", new JsonObject { ["command"] = "tinh-hinh-nop", ["groupId"] = _bed.GroupId.ToString() }));

        // Unit 2 has written one text section of three and filled the table: 2/4, as its report card says.
        Assert.Contains("Đang soạn, 2/4 mục", group);
        // Unit 3 has a committee, so the self-review is not among its sections.
        Assert.Contains("Chưa bắt đầu, 0/3 mục", group);
    }

    [Fact]
    public async Task A_groups_remind_button_reminds_that_groups_late_units_and_is_absent_when_it_has_none()
    {
        // A second group, late too, with one unit.
        var otherGroup = new CampaignGroup { Id = Guid.NewGuid(), CampaignId = _bed.CampaignId, Name = "Các ban Đảng", Order = 1 };
        await using (var db = _bed.App.OpenStore())
        {
            db.Add(otherGroup);
            db.Add(new CampaignDeadline
            {
                Id = Guid.NewGuid(), CampaignId = _bed.CampaignId, GroupId = otherGroup.Id, Due = SoKet.Bot.Campaigns.Import.DueKind.Report,
                Timing = SoKet.Bot.Campaigns.Import.DeadlineTiming.OnDate, Date = new DateTime(2023, 6, 25), DatePrecision = SoKet.Bot.Campaigns.Import.DatePrecision.Day,
                What = "Gửi báo cáo sơ kết", Source = "trước ngày 25/6/2023",
            });
            await _bed.AddUnitsAsync(db, 1);
            db.Units.Single(u => u.Id == _bed.Units[3].UnitId).GroupId = otherGroup.Id;
            await db.SaveChangesAsync();
        }

        var group = await _bed.AskAsync(_bed.AdminAad, "", new JsonObject { ["command"] = "tinh-hinh-nop", ["groupId"] = _bed.GroupId.ToString() });
        var reply = await _bed.AskAsync(_bed.AdminAad, "", RemindButton(group)!.DeepClone());

        Assert.Contains("tới 2 cán bộ của 2 đơn vị quá hạn: Chi bộ số 2; Chi bộ số 3.", reply.Text);
        Assert.DoesNotContain("Chi bộ số 4", reply.Text);

        await _bed.SubmitAsync(_bed.Units[3]);
        var done = await _bed.AskAsync(_bed.AdminAad, "", new JsonObject { ["command"] = "tinh-hinh-nop", ["groupId"] = otherGroup.Id.ToString() });
        Assert.Contains("Nhóm đơn vị: Các ban Đảng", CardText.Of(done));
        Assert.Null(RemindButton(done));
    }

    private static JsonNode? RemindButton(SoKet.Bot.Protocol.Activity card) =>
        card.Attachments![0].Content!["actions"]!.AsArray().FirstOrDefault(a => a!["title"]!.GetValue<string>() == "Đôn đốc các đơn vị quá hạn")?["data"];

    [Fact]
    public async Task A_leader_sees_only_the_units_in_their_charge_and_a_member_is_refused()
    {
        await using (var db = _bed.App.OpenStore())
        {
            await _bed.AddUnitsAsync(db, 1);
            var other = db.Units.Single(u => u.Id == _bed.Units[3].UnitId);
            other.LeaderPersonId = null;
            await db.SaveChangesAsync();
        }

        var leader = CardText.Of(await _bed.AskAsync(_bed.LeaderAad, "tình hình nộp báo cáo"));
        Assert.Contains("Các đơn vị đồng chí phụ trách: 3 đơn vị", leader);
        Assert.DoesNotContain("Chi bộ số 4", leader);
        Assert.DoesNotContain("Đôn đốc các đơn vị quá hạn", leader);

        var member = CardText.Of(await _bed.AskAsync(_bed.Units[1].AadObjectId, "tình hình nộp báo cáo"));
        Assert.Contains("Chưa có quyền xem", member);
    }

    [Fact]
    public async Task In_teams_the_status_export_arrives_through_the_file_consent_card()
    {
        var reply = await _bed.AskAsync(_bed.AdminAad, "xuất CSV");

        var consent = Assert.Single(reply.Attachments!);
        Assert.Equal(SoKet.Bot.Channels.Files.FileDelivery.FileConsentContentType, consent.ContentType);
        Assert.EndsWith(".csv", consent.Name);
        Assert.Contains("3 đơn vị", reply.Text);
    }

    [Fact]
    public async Task In_web_chat_the_excel_export_is_a_real_spreadsheet_of_the_status_table()
    {
        var chat = new DirectLineClient(_bed.Http);
        await chat.StartAsync();
        await chat.ReadBotActivitiesAsync(1); // the welcome

        await chat.SendAsync("xuất Excel");
        var reply = (await chat.ReadBotActivitiesAsync(1)).Single();

        var file = Assert.Single(reply.Attachments!);
        Assert.EndsWith(".xlsx", file.Name);
        var bytes = await _bed.Http.GetByteArrayAsync(file.ContentUrl);
        using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var workbook = document.WorkbookPart!;
        var shared = workbook.SharedStringTablePart?.SharedStringTable.InnerText ?? "";
        var sheet = workbook.WorksheetParts.Single().Worksheet.InnerText;
        Assert.Contains("Chi bộ số 2", shared + sheet);
        Assert.Contains("Chưa bắt đầu", shared + sheet);
    }

    [Fact]
    public async Task In_web_chat_the_csv_export_is_a_signed_download_of_the_status_table()
    {
        var chat = new DirectLineClient(_bed.Http);
        await chat.StartAsync();
        await chat.ReadBotActivitiesAsync(1); // the welcome

        await chat.SendAsync("xuat csv");
        var reply = (await chat.ReadBotActivitiesAsync(1)).Single();

        var file = Assert.Single(reply.Attachments!);
        Assert.Equal("text/csv", file.ContentType);
        Assert.Contains("sig=", file.ContentUrl);
        var bytes = await _bed.Http.GetByteArrayAsync(file.ContentUrl);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var csv = Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("STT,Đơn vị,Đối tượng,Đồng chí phụ trách,Trạng thái,Thời điểm nộp,Đúng hạn/Muộn", csv);
        Assert.Contains("Chi bộ số 2,\"" + ReminderTestBed.GroupName + "\",Lò Văn Hùng,Chưa bắt đầu,,Muộn", csv);
        Assert.Contains("Chi bộ số 1", csv);
        Assert.Contains("Đã nộp", csv);
    }

    [Fact]
    public async Task Don_doc_tat_ca_queues_the_late_units_lists_the_unreachable_and_the_sender_delivers()
    {
        await using (var db = _bed.App.OpenStore())
            await _bed.AddUnitsAsync(db, 1, withConversation: false);

        var reply = await _bed.AskAsync(_bed.AdminAad, "đôn đốc tất cả");

        Assert.Contains("Đã xếp lịch gửi tin nhắn đôn đốc tới 2 cán bộ của 2 đơn vị quá hạn: Chi bộ số 2; Chi bộ số 3.", reply.Text);
        Assert.Contains("Không nhắn được: Cán bộ số 4 (Chi bộ số 4 — chưa trò chuyện với bot)", reply.Text);
        await _bed.SendDueAsync();
        Assert.Empty(_bed.Delivered(_bed.Units[0].ConversationId));
        var card = CardText.Of(Assert.Single(_bed.Delivered(_bed.Units[1].ConversationId)));
        Assert.Contains("Văn phòng đôn đốc nộp báo cáo sơ kết", card);
        Assert.Contains("đã quá hạn 3 ngày", card);
        Assert.Single(_bed.Delivered(_bed.Units[2].ConversationId));
        Assert.Equal(3, (await _bed.OutboxAsync()).Count(i => i.Kind == ReminderKind.Manual));
    }

    [Fact]
    public async Task Don_doc_one_unit_by_name_without_diacritics_and_members_may_not()
    {
        var reply = await _bed.AskAsync(_bed.AdminAad, "don doc chi bo so 3");
        Assert.Contains("tới 1 cán bộ của 1 đơn vị", reply.Text);
        await _bed.SendDueAsync();
        Assert.Single(_bed.Delivered(_bed.Units[2].ConversationId));
        Assert.Empty(_bed.Delivered(_bed.Units[1].ConversationId));

        Assert.Contains("đã nộp báo cáo", (await _bed.AskAsync(_bed.AdminAad, "đôn đốc Chi bộ số 1")).Text);
        Assert.Contains("Chưa có quyền đôn đốc", CardText.Of(await _bed.AskAsync(_bed.Units[1].AadObjectId, "đôn đốc tất cả")));
    }
}
