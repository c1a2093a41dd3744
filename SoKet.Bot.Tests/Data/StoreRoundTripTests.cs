using System.Text;
using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Audit;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Campaigns.Import;
using SoKet.Bot.Data;
using SoKet.Bot.Reports;
using SoKet.Bot.Tests.Infrastructure;
using SoKet.Bot.People;

namespace SoKet.Bot.Tests.Data;

/// <summary>
/// Every entity written and read back through a migrated store of the provider this build targets
/// (SQLite by default; PostgreSQL with SOKET_TEST_STORE=PostgreSQL): Vietnamese text intact, instants
/// and calendar dates unshifted, and the constraints the bot relies on (unique keys, versions) enforced.
/// </summary>
[Trait("Category", "Store")]
public sealed class StoreRoundTripTests : IAsyncLifetime
{
    private const string Vietnamese = "Đảng bộ phường Tân Phong — kiểm điểm sự lãnh đạo, chỉ đạo; “ưu điểm”, hạn chế, nguyên nhân ✓";
    private static readonly DateTime Instant = new(2025, 6, 30, 16, 59, 58, 123, DateTimeKind.Utc);
    private static readonly DateTime CalendarDate = new(2025, 7, 1, 0, 0, 0, DateTimeKind.Unspecified);

    private readonly TestStore _store = new(Path.Combine(Path.GetTempPath(), "soket-tests", Guid.NewGuid().ToString("N")));

    public Task InitializeAsync() => _store.MigrateAsync();

    public Task DisposeAsync()
    {
        _store.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Every_entity_round_trips_with_its_vietnamese_text_dates_and_numbers()
    {
        var ids = await SeedAsync();

        await using var db = _store.Open();
        var reference = await db.ConversationReferences.SingleAsync();
        Assert.Equal(Vietnamese, reference.UserName);
        Assert.Equal(Instant, reference.CreatedAtUtc);
        Assert.False(reference.IsReachable);
        Assert.Equal(Instant, (await db.ProcessedActivities.SingleAsync()).ProcessedAtUtc);
        Assert.Contains(Vietnamese, (await db.ConversationStates.SingleAsync()).Json);
        Assert.Equal("người-dùng-1", (await db.WebChatConversations.SingleAsync()).UserId);
        var activities = await db.WebChatActivities.OrderBy(a => a.Sequence).ToListAsync();
        Assert.Equal(["a-1", "a-2"], activities.Select(a => a.ActivityId));
        Assert.True(activities[1].Sequence > activities[0].Sequence, "the watermark must grow");
        Assert.Equal(Vietnamese, (await db.AppSettings.SingleAsync(s => s.Key == "khóa")).Value);
        var file = await db.StoredFiles.SingleAsync();
        Assert.Equal("Kế hoạch 125-KH/ThU.docx", file.Name);
        Assert.Equal(Encoding.UTF8.GetBytes(Vietnamese), file.Content);

        var campaign = await db.Campaigns.Include(c => c.Groups).Include(c => c.Deadlines).Include(c => c.Sections).Include(c => c.Units).ThenInclude(u => u.Members).ThenInclude(m => m.Person).SingleAsync();
        Assert.Equal(Vietnamese, campaign.Title);
        Assert.Equal("Thành ủy Lai Châu", campaign.Organisation);
        Assert.Equal(CalendarDate, campaign.IssuedOn);
        Assert.Equal(new DateTime(2025, 6, 30), campaign.DataCutOff);
        Assert.Equal(CampaignKind.ThematicResolutionReview, campaign.Kind);
        Assert.Equal(OutlineOrigin.AttachedOutline, campaign.OutlineOrigin);
        Assert.Equal("Cấp cơ sở", Assert.Single(campaign.Groups).Name);
        var deadline = Assert.Single(campaign.Deadlines);
        Assert.Equal(new DateTime(2025, 7, 15), deadline.Date);
        Assert.Equal((DueKind.Report, DatePrecision.Day, DateQualifier.On), (deadline.Due, deadline.DatePrecision, deadline.Qualifier));
        Assert.Equal("Ban Thường vụ Thành ủy", deadline.Recipient);
        var section = Assert.Single(campaign.Sections);
        Assert.Equal("Kết quả thực hiện Nghị quyết số 18-NQ/TW", section.Heading);
        Assert.Equal(ConditionKind.UnitWithoutCommittee, section.Condition);
        var unit = Assert.Single(campaign.Units);
        Assert.Equal("Chi bộ Trường THCS Đoàn Kết", unit.Name);
        Assert.Equal("Nguyễn Thị Hường", Assert.Single(unit.Members).Person!.DisplayName);
        Assert.Equal(MemberRole.Secretary, unit.Members[0].Role);
        Assert.Equal(Vietnamese, (await db.PendingPlanImports.SingleAsync()).ExtractionJson);

        var report = await db.Reports.Include(r => r.Sections).Include(r => r.Indicators).SingleAsync();
        Assert.Equal(ReportStatus.Submitted, report.Status);
        Assert.Equal(Instant, report.SubmittedAtUtc);
        Assert.Equal(Vietnamese, Assert.Single(report.Sections).Text);
        var indicator = Assert.Single(report.Indicators);
        Assert.Equal((95.5m, 97.25m, 1234567.891m), (indicator.Target!.Value, indicator.Result!.Value, indicator.FullYearEstimate!.Value));
        Assert.Equal("Tỷ lệ hộ nghèo", indicator.Name);
        Assert.Equal(Vietnamese, (await db.SectionRevisions.SingleAsync()).Text);
        Assert.Equal("Đề nghị bổ sung số liệu quý II.", (await db.ReviewComments.SingleAsync()).Text);
        var audit = await db.AuditEntries.SingleAsync();
        Assert.Equal((ids.Report, Vietnamese), (audit.ReportId!.Value, audit.Details));
    }

    [Fact]
    public async Task Queries_compare_instants_and_calendar_dates_on_both_providers()
    {
        await SeedAsync();

        await using var db = _store.Open();
        Assert.Equal(1, await db.ProcessedActivities.CountAsync(p => p.ProcessedAtUtc < Instant.AddSeconds(1)));
        Assert.Equal(0, await db.ProcessedActivities.CountAsync(p => p.ProcessedAtUtc < Instant));
        // A caller's unspecified-kind or local-kind instant means the same moment once stored.
        var unspecified = DateTime.SpecifyKind(Instant.AddSeconds(1), DateTimeKind.Unspecified);
        Assert.Equal(1, await db.ProcessedActivities.CountAsync(p => p.ProcessedAtUtc < unspecified));
        Assert.Equal(1, await db.CampaignDeadlines.CountAsync(d => d.Date >= new DateTime(2025, 7, 15) && d.Date < new DateTime(2025, 7, 16)));
        Assert.Equal(1, await db.Units.CountAsync(u => u.Name.Contains("Đoàn Kết")));
    }

    [Fact]
    public async Task A_second_insert_of_a_processed_activity_is_refused_so_a_redelivery_is_recognised()
    {
        await SeedAsync();

        await using var db = _store.Open();
        db.ProcessedActivities.Add(new ProcessedActivity { ChannelId = "msteams", ConversationId = "a:hội-thoại", ActivityId = "1", ProcessedAtUtc = Instant });

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task A_save_based_on_an_old_version_of_a_draft_is_refused()
    {
        await SeedAsync();
        await using var first = _store.Open();
        await using var second = _store.Open();
        var mine = await first.SectionDrafts.SingleAsync();
        var theirs = await second.SectionDrafts.SingleAsync();

        mine.Text = "Bản của đồng chí thứ nhất";
        mine.Version++;
        await first.SaveChangesAsync();
        theirs.Text = "Bản của đồng chí thứ hai";
        theirs.Version++;

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
        await using var check = _store.Open();
        Assert.Equal("Bản của đồng chí thứ nhất", (await check.SectionDrafts.SingleAsync()).Text);
    }

    [Fact]
    public async Task Instances_starting_together_on_a_fresh_database_all_start_and_migrate_once()
    {
        using var fresh = new TestStore(Path.Combine(Path.GetTempPath(), "soket-tests", Guid.NewGuid().ToString("N")));

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(fresh.MigrateAsync)));

        await using var db = fresh.Open();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
    }

    [Fact]
    public async Task The_migrations_of_this_provider_describe_the_model_exactly()
    {
        // A model change without `scripts/add-migration.sh` would leave one provider's schema behind the code.
        await using var db = _store.Open();
        Assert.False(db.Database.HasPendingModelChanges(), "the model has changes no migration describes: run scripts/add-migration.sh");
    }

    private async Task<(Guid Campaign, Guid Report)> SeedAsync()
    {
        await using var db = _store.Open();
        db.ConversationReferences.Add(new ConversationReferenceRecord
        {
            ChannelId = "msteams", ConversationId = "a:hội-thoại", ServiceUrl = "https://smba.trafficmanager.net/apac/",
            UserId = "29:1", UserName = Vietnamese, IsReachable = false, CreatedAtUtc = Instant, UpdatedAtUtc = Instant,
        });
        db.ProcessedActivities.Add(new ProcessedActivity { ChannelId = "msteams", ConversationId = "a:hội-thoại", ActivityId = "1", ProcessedAtUtc = Instant });
        db.ConversationStates.Add(new ConversationStateRecord { Key = "msteams/a:hội-thoại", Json = $$"""{"note":"{{Vietnamese}}"}""", Version = 1, UpdatedAtUtc = Instant });
        db.WebChatConversations.Add(new WebChatConversation { Id = "c-1", UserId = "người-dùng-1", CreatedAtUtc = Instant });
        db.WebChatActivities.Add(new WebChatActivity { ConversationId = "c-1", ActivityId = "a-1", ClientActivityId = "k-1", Json = "{}", CreatedAtUtc = Instant });
        await db.SaveChangesAsync();
        db.WebChatActivities.Add(new WebChatActivity { ConversationId = "c-1", ActivityId = "a-2", Json = $$"""{"text":"{{Vietnamese}}"}""", CreatedAtUtc = Instant });
        db.AppSettings.Add(new AppSetting { Key = "khóa", Value = Vietnamese });
        db.StoredFiles.Add(new StoredFile { Id = "f-1", Name = "Kế hoạch 125-KH/ThU.docx", Size = 10, Content = Encoding.UTF8.GetBytes(Vietnamese), CreatedAtUtc = Instant });

        var person = new Person { Id = Guid.NewGuid(), Email = "huong@laichau.dcs.vn", DisplayName = "Nguyễn Thị Hường", Position = "Bí thư Chi bộ", CreatedAtUtc = Instant, LinkedAtUtc = Instant };
        var group = new CampaignGroup { Id = Guid.NewGuid(), Name = "Cấp cơ sở", Aliases = "các chi bộ | đảng bộ cơ sở", Order = 1 };
        var section = new CampaignSection
        {
            Id = Guid.NewGuid(), Order = 1, Path = "1", NumberLabel = "I.", Level = 1, Heading = "Kết quả thực hiện Nghị quyết số 18-NQ/TW",
            Kind = SectionKind.FreeText, IsEvaluative = true, Condition = ConditionKind.UnitWithoutCommittee, Guidance = Vietnamese,
        };
        var unit = new Unit { Id = Guid.NewGuid(), Name = "Chi bộ Trường THCS Đoàn Kết", GroupId = group.Id, HasCommittee = false, LeaderPersonId = person.Id, CreatedAtUtc = Instant };
        unit.Members.Add(new UnitMember { PersonId = person.Id, Role = MemberRole.Secretary });
        var campaign = new Campaign
        {
            Id = Guid.NewGuid(), Code = "125-KH/ThU", Title = Vietnamese, IssuingBody = "Ban Thường vụ Thành ủy", Organisation = "Thành ủy Lai Châu",
            IssuedOn = CalendarDate, Kind = CampaignKind.ThematicResolutionReview, ReviewedDocument = "18-NQ/TW", DataCutOff = new DateTime(2025, 6, 30),
            OutlineOrigin = OutlineOrigin.AttachedOutline, SourceText = Vietnamese, CreatedAtUtc = Instant, CreatedBy = "Văn phòng Thành ủy",
            Groups = [group], Sections = [section], Units = [unit],
            Deadlines =
            [
                new CampaignDeadline
                {
                    Id = Guid.NewGuid(), GroupId = group.Id, Due = DueKind.Report, Timing = DeadlineTiming.OnDate, Date = new DateTime(2025, 7, 15),
                    DatePrecision = DatePrecision.Day, Qualifier = DateQualifier.On, Recipient = "Ban Thường vụ Thành ủy", Via = "Văn phòng Thành ủy",
                    What = "báo cáo sơ kết", Source = Vietnamese,
                },
            ],
        };
        db.People.Add(person);
        db.Campaigns.Add(campaign);
        db.PendingPlanImports.Add(new PendingPlanImport { Id = Guid.NewGuid(), CreatedByName = "Quản trị", FileName = "kh.docx", SourceText = Vietnamese, ExtractionJson = Vietnamese, CreatedAtUtc = Instant });
        await db.SaveChangesAsync();

        var report = new Report
        {
            Id = Guid.NewGuid(), CampaignId = campaign.Id, UnitId = unit.Id, Status = ReportStatus.Submitted, LastSectionId = section.Id,
            SubmittedAtUtc = Instant, SubmittedByPersonId = person.Id, SubmittedByName = "Nguyễn Thị Hường", SubmittedLate = false, CreatedAtUtc = Instant, UpdatedAtUtc = Instant,
        };
        var draft = new SectionDraft { Id = Guid.NewGuid(), SectionId = section.Id, Text = Vietnamese, Source = DraftSource.AiEdited, Version = 1, UpdatedAtUtc = Instant, PendingSuggestionAtUtc = Instant };
        report.Sections.Add(draft);
        report.Indicators.Add(new IndicatorRow
        {
            Id = Guid.NewGuid(), Order = 1, Name = "Tỷ lệ hộ nghèo", UnitOfMeasure = "%", Target = 95.5m, Result = 97.25m, FullYearEstimate = 1234567.891m,
            LowerIsBetter = true, UpdatedAtUtc = Instant,
        });
        db.Reports.Add(report);
        await db.SaveChangesAsync();
        db.SectionRevisions.Add(new SectionRevision { DraftId = draft.Id, Version = 1, Text = Vietnamese, Source = DraftSource.Typed, CreatedAtUtc = Instant });
        db.ReviewComments.Add(new ReviewComment { Id = Guid.NewGuid(), ReportId = report.Id, SectionId = section.Id, AuthorName = "Phó Bí thư", Text = "Đề nghị bổ sung số liệu quý II.", Round = 1, CreatedAtUtc = Instant });
        db.AuditEntries.Add(new AuditEntry { AtUtc = Instant, Actor = "Nguyễn Thị Hường", Action = "report.submitted", CampaignId = campaign.Id, UnitId = unit.Id, ReportId = report.Id, Details = Vietnamese });
        await db.SaveChangesAsync();
        return (campaign.Id, report.Id);
    }
}
