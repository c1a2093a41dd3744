using System.Data.Common;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using SoKet.Bot.Audit;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Data;
using SoKet.Bot.People;
using SoKet.Bot.Protocol;
using SoKet.Bot.Reports;
using SoKet.Bot.Tests.Drafting;
using SoKet.Bot.Tests.Infrastructure;
using SoKet.Bot.Turns;
using SoKet.Bot.Turns.Routing;

namespace SoKet.Bot.Tests.Turns;

/// <summary>
/// Faults injected between the steps of a turn: the store holds the whole turn or none of it, and the user is told
/// which. A turn that failed is retried by the channel's re-delivery; a stored turn whose replies did not go out is
/// never run twice — its re-delivery sends the kept replies.
/// </summary>
[Trait("Category", "Store")]
public sealed class TurnAtomicityTests : IAsyncLifetime
{
    private const string Email = "an.nv@hatinh.dcs.vn";
    private const string Paragraph = "Đảng bộ đã lãnh đạo hoàn thành các chỉ tiêu chủ yếu của năm, thu nhập bình quân tăng.";
    private readonly BotApp _app = new();
    private readonly FailingCommit _fault = new();
    private LoopbackConnector _connector = null!;
    private HttpClient _http = null!;
    private Activity _open = null!;

    public async Task InitializeAsync()
    {
        _connector = await LoopbackConnector.StartAsync();
        _app.TestServices = services =>
        {
            services.AddSingleton<IInterceptor>(_fault);
            services.AddRoutes("Test", routes => routes.Add<FailsAfterItsChange>("loi-sau-khi-ghi", f => f.RunAsync).SaysExactly("lệnh gây lỗi sau khi ghi"));
        };
        _http = _app.CreateHttpClient();
        await using (var db = _app.OpenStore())
        {
            var seed = await DraftingSeed.CreateAsync(db, [], DraftingSeed.HaTinh);
            var person = new Person { Id = Guid.NewGuid(), Email = Email, DisplayName = "Nguyễn Văn An", CreatedAtUtc = DateTime.UtcNow };
            db.People.Add(person);
            db.UnitMembers.Add(new UnitMember { UnitId = seed.Unit.Id, PersonId = person.Id, Role = MemberRole.Drafter });
            await db.SaveChangesAsync();
        }
        _open = TeamsActivities.Message(_connector.ServiceUrl, "soạn báo cáo");
        _connector.AddMember(_open.From!.Id!, "Nguyễn Văn An", Email);
        var overview = await SayAsync("soạn báo cáo");
        // The overview's «Soạn tiếp: A. …» button opens the first section.
        var resume = DraftingChat.FindAction(overview.Attachments![0].Content!, "Soạn tiếp")!;
        var press = TeamsActivities.Message(_connector.ServiceUrl, "", _open.Conversation!.Id);
        press.From = _open.From;
        press.Text = null;
        press.Value = resume["data"]!.DeepClone();
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(press)).StatusCode);
        await _connector.WaitForActivityAsync(r => r.Activity?.ReplyToId == press.Id, TimeSpan.FromSeconds(10));
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        _app.Dispose();
        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task A_failure_inside_the_commit_after_the_section_was_written_leaves_nothing_and_the_redelivery_stores_it_once()
    {
        var typed = Message(Paragraph);
        // The section's revision is written inside the turn's transaction, then the commit is cut off.
        _fault.FailAfterWriting("SectionRevisions");

        var response = await PostAsync(typed);
        var apology = await _connector.WaitForActivityAsync(r => r.Activity?.ReplyToId == typed.Id, TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TurnTexts.Apology, apology.Activity!.Text);
        Assert.Contains("chưa lưu gì", apology.Activity.Text);
        await using (var db = _app.OpenStore())
        {
            Assert.Equal(0, await db.SectionRevisions.CountAsync());
            Assert.False(await db.SectionDrafts.AnyAsync(d => d.Text.Length > 0));
            Assert.False(await db.ProcessedActivities.AnyAsync(p => p.ActivityId == typed.Id), "a failed turn stays retryable");
        }

        // The channel delivers the activity again: now it is stored, once.
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(typed)).StatusCode);
        await using var check = _app.OpenStore();
        Assert.Equal([Paragraph], await check.SectionRevisions.Select(r => r.Text).ToListAsync());
        Assert.Equal(Paragraph, (await check.SectionDrafts.SingleAsync()).Text);
    }

    [Fact]
    public async Task A_handler_that_fails_after_staging_its_change_leaves_nothing_written()
    {
        var typed = Message("lệnh gây lỗi sau khi ghi");

        await PostAsync(typed);
        var apology = await _connector.WaitForActivityAsync(r => r.Activity?.ReplyToId == typed.Id, TimeSpan.FromSeconds(10));

        Assert.Equal(TurnTexts.Apology, apology.Activity!.Text);
        await using var db = _app.OpenStore();
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Action == FailsAfterItsChange.Action));
        Assert.False(await db.ProcessedActivities.AnyAsync(p => p.ActivityId == typed.Id));
    }

    [Fact]
    public async Task A_stored_turn_whose_reply_could_not_be_delivered_is_redelivered_without_running_again()
    {
        var typed = Message(Paragraph);
        // The reply's POST to the Connector fails; the turn itself was stored before.
        _connector.RespondToNext(1, ScriptedResponse.Error(500, "InternalServerError", "The Connector is down."));

        var first = await PostAsync(typed);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        await using (var db = _app.OpenStore())
        {
            Assert.Equal(Paragraph, (await db.SectionDrafts.SingleAsync()).Text);
            Assert.NotNull((await db.ProcessedActivities.SingleAsync(p => p.ActivityId == typed.Id)).PendingReplies);
        }

        var second = await PostAsync(typed);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var replies = _connector.Requests.Where(r => r.Activity?.ReplyToId == typed.Id && r.ResponseStatusCode == 200).ToList();
        var card = Assert.Single(replies).Activity!.Attachments![0].Content!.ToJsonString(ProtocolJson.Options);
        Assert.Contains("Đã lưu nội dung mục", card);
        await using var check = _app.OpenStore();
        Assert.Equal(1, await check.SectionRevisions.CountAsync());
        Assert.Null((await check.ProcessedActivities.SingleAsync(p => p.ActivityId == typed.Id)).PendingReplies);
    }

    private Activity Message(string text)
    {
        var message = TeamsActivities.Message(_connector.ServiceUrl, text, _open.Conversation!.Id);
        message.From = _open.From;
        return message;
    }

    private async Task<Activity> SayAsync(string text)
    {
        var message = Message(text);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(message)).StatusCode);
        return (await _connector.WaitForActivityAsync(r => r.Activity?.ReplyToId == message.Id && r.Activity?.Attachments?.Count > 0, TimeSpan.FromSeconds(10))).Activity!;
    }

    private Task<HttpResponseMessage> PostAsync(Activity activity) =>
        _http.PostAsync("/api/messages", new StringContent(JsonSerializer.Serialize(activity, ProtocolJson.Options), Encoding.UTF8, "application/json"));

    /// <summary>
    /// Once armed, fails right AFTER the command that wrote into a table has run inside the turn's transaction: the
    /// rows are written, then the commit is cut off — a fault in the middle of a turn's commit.
    /// </summary>
    private sealed class FailingCommit : DbCommandInterceptor
    {
        private string? _table;

        public void FailAfterWriting(string table) => _table = table;

        public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            Check(command);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
        {
            Check(command);
            return ValueTask.FromResult(result);
        }

        private void Check(DbCommand command)
        {

            if (_table is { } table && command.CommandText.Contains("INSERT INTO \"" + table + "\"", StringComparison.Ordinal))
            {
                _table = null;
                throw new InvalidOperationException("Injected fault: the disk went away in the middle of the commit.");
            }
        }
    }

    /// <summary>A route that stages a change, then fails.</summary>
    private sealed class FailsAfterItsChange(SoKetDbContext db)
    {
        public const string Action = "test.change-before-failure";

        public Task RunAsync(TurnContext turn, CancellationToken cancellationToken)
        {
            db.AuditEntries.Add(new AuditEntry { AtUtc = DateTime.UtcNow, Actor = "test", Action = Action });
            throw new InvalidOperationException("Injected fault after the change was staged.");
        }
    }
}
