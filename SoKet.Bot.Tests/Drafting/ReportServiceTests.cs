using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Audit;
using SoKet.Bot.Campaigns.Import;
using SoKet.Bot.Data;
using SoKet.Bot.Drafting;
using SoKet.Bot.Reports;
using SoKet.Bot.Tests.Infrastructure;
using SoKet.Bot.Campaigns;

namespace SoKet.Bot.Tests.Drafting;

/// <summary>The report service on a real store, without the chat: races, deadlines in Asia/Ho_Chi_Minh, message sizes.</summary>
[Trait("Category", "Store")]
public sealed class ReportServiceTests : IAsyncLifetime
{
    private TestStore _store = null!;
    private DraftingSeed _seed = null!;
    private Guid _reportId;

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateMigratedAsync();
        await using var db = Open();
        _seed = await DraftingSeed.CreateAsync(db, [("wc-an", "Nguyễn Văn An")], DraftingSeed.LaiChau);
        _reportId = (await new ReportService(db, new SoKet.Bot.Campaigns.CampaignOutlines(TimeProvider.System), TimeProvider.System).StartOrResumeAsync(_seed.Campaign.Id, _seed.Unit.Id, new Actor(null, "Nguyễn Văn An"), default)).Id;
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync()
    {
        _store.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Two_saves_racing_from_the_same_version_store_one_and_refuse_the_other_with_its_text_kept()
    {
        var sectionId = _seed.Campaign.Sections.First().Id;
        await using var first = Open();
        await using var second = Open();

        // Both load the report at version 0 and stage their save before either is stored; each is then stored the
        // way a turn is: once, and run again on what is stored when the store refuses it.
        var viewA = (await new ReportService(first, new SoKet.Bot.Campaigns.CampaignOutlines(TimeProvider.System), TimeProvider.System).LoadAsync(_reportId, default))!;
        var viewB = (await new ReportService(second, new SoKet.Bot.Campaigns.CampaignOutlines(TimeProvider.System), TimeProvider.System).LoadAsync(_reportId, default))!;
        var stagedA = new ReportService(first, new SoKet.Bot.Campaigns.CampaignOutlines(TimeProvider.System), TimeProvider.System).SaveSection(viewA, sectionId, 0, "Bản A", DraftSource.Typed, new Actor(null, "An"));
        var stagedB = new ReportService(second, new SoKet.Bot.Campaigns.CampaignOutlines(TimeProvider.System), TimeProvider.System).SaveSection(viewB, sectionId, 0, "Bản B", DraftSource.Typed, new Actor(null, "Chi"));
        Assert.Equal(SaveResultKind.Saved, stagedA.Kind);
        Assert.Equal(SaveResultKind.Saved, stagedB.Kind);

        var results = await Task.WhenAll(
            Task.Run(() => StoreLikeATurnAsync(first, stagedA, sectionId, "Bản A", "An")),
            Task.Run(() => StoreLikeATurnAsync(second, stagedB, sectionId, "Bản B", "Chi")));

        Assert.Equal([SaveResultKind.Saved, SaveResultKind.Conflict], results.Select(r => r.Kind).Order());
        await using var db = Open();
        var draft = await db.SectionDrafts.SingleAsync();
        var winner = draft.Text == "Bản A" ? "An" : "Chi";
        Assert.Equal(winner, draft.UpdatedByName);
        Assert.Equal(1, draft.Version);
        Assert.Single(await db.SectionRevisions.ToListAsync());
        var refusal = await db.AuditEntries.SingleAsync(a => a.Action == "section.save-refused");
        Assert.Contains(draft.Text == "Bản A" ? "Bản B" : "Bản A", refusal.Details);
    }

    [Theory]
    [InlineData("2023-06-30T16:59:00Z", false)] // 23:59 on 30/06 in Hà Nội: the last minute of the deadline day
    [InlineData("2023-06-30T17:01:00Z", true)]  // 00:01 on 01/07 in Hà Nội, still 30/06 in UTC
    public async Task Late_or_on_time_is_judged_on_the_date_in_Ho_Chi_Minh_City(string submittedAt, bool late)
    {
        await using var db = Open();
        var deadline = await db.CampaignDeadlines.FirstAsync(d => d.CampaignId == _seed.Campaign.Id && d.Due == DueKind.Report && d.GroupId == _seed.Unit.GroupId);
        Assert.Equal(new DateTime(2023, 6, 30), deadline.Date);
        var service = new ReportService(db, new SoKet.Bot.Campaigns.CampaignOutlines(TimeProvider.System), new ManualTimeProvider(DateTimeOffset.Parse(submittedAt, System.Globalization.CultureInfo.InvariantCulture)));

        var view = (await service.LoadAsync(_reportId, default))!;
        var change = await service.SubmitAsync(view, new Actor(null, "Nguyễn Văn An"), default);
        await db.SaveChangesAsync();
        var again = await service.SubmitAsync(view, new Actor(null, "Trần Thị Chi"), default);

        Assert.Equal(StatusChangeKind.Done, change.Kind);
        Assert.Equal(late, change.Report!.SubmittedLate);
        Assert.Equal(StatusChangeKind.AlreadyDone, again.Kind);
        Assert.Equal("Nguyễn Văn An", (await db.Reports.AsNoTracking().SingleAsync()).SubmittedByName);
        var saveAfter = service.SaveSection(view, _seed.Campaign.Sections.First().Id, 0, "Sửa sau khi nộp", DraftSource.Typed, new Actor(null, "An"));
        Assert.Equal(SaveResultKind.ReadOnly, saveAfter.Kind);
    }

    [Fact]
    public void One_huge_paragraph_is_cut_into_messages_under_the_limit_without_losing_a_character()
    {
        var paragraph = string.Concat(Enumerable.Repeat("Đảng bộ lãnh đạo thực hiện thắng lợi nghị quyết. ", 2000));

        var messages = DraftViewer.Pack(["**Tiêu đề**", paragraph, "Kết thúc."]);

        Assert.True(messages.Count > 3);
        Assert.All(messages, m => Assert.True(DraftViewer.Size(m) <= DraftViewer.MaxTextBytes));
        Assert.Equal("**Tiêu đề**" + paragraph + "Kết thúc.", string.Concat(messages).Replace("\n\n", ""));
    }

    private SoKetDbContext Open() => _store.Open();

    /// <summary>What the turn pipeline does with a staged save: store it once; refused by the store, run it again on what is stored.</summary>
    private async Task<SaveResult> StoreLikeATurnAsync(SoKetDbContext db, SaveResult staged, Guid sectionId, string text, string author)
    {
        try
        {
            await db.SaveChangesAsync();
            return staged;
        }
        catch (DbUpdateException)
        {
            await using var again = Open();
            var service = new ReportService(again, new SoKet.Bot.Campaigns.CampaignOutlines(TimeProvider.System), TimeProvider.System);
            var view = (await service.LoadAsync(_reportId, default))!;
            var result = service.SaveSection(view, sectionId, 0, text, DraftSource.Typed, new Actor(null, author));
            await again.SaveChangesAsync();
            return result;
        }
    }
}
