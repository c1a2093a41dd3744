using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Channels.Attachments;
using SoKet.Bot.Data;
using SoKet.Bot.People;
using SoKet.Bot.Protocol;
using SoKet.Bot.Tests.Drafting;
using SoKet.Bot.Tests.Infrastructure;
using SoKet.Bot.Turns;
using SoKet.Bot.Turns.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace SoKet.Bot.Tests.Identity;

/// <summary>
/// Who may do what is one table (RouteTable: each route's roles and scopes), enforced by one mechanism (the turn
/// pipeline). This enumerates every command, card action, invoke and file route of the running bot against every
/// role — office (admin), unit member, unit secretary, leader in charge, someone with none — over real HTTP: an
/// allowed user is not refused; a refused one gets the route's Vietnamese refusal and nothing in the store changes.
/// </summary>
[Trait("Category", "Store")]
public sealed class RoleTableTests : IAsyncLifetime
{
    private readonly BotApp _app = new();
    private readonly CapturingLoggerProvider _logs = new();
    private LoopbackConnector _connector = null!;
    private HttpClient _http = null!;
    private readonly Dictionary<string, (Person Person, Roles Roles)> _users = [];

    public async Task InitializeAsync()
    {
        _connector = await LoopbackConnector.StartAsync();
        _app.TestServices = services => services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(_logs);
        _http = _app.CreateHttpClient();
        await using var db = _app.OpenStore();
        var seed = await DraftingSeed.CreateAsync(db, [], leaderUserId: "29:leader", leaderChannel: ChannelIds.Teams);
        Person Add(string key, string name, Roles roles, bool admin = false)
        {
            var person = new Person { Id = Guid.NewGuid(), DisplayName = name, ChannelId = ChannelIds.Teams, ChannelUserId = "29:" + key, IsAdmin = admin, CreatedAtUtc = DateTime.UtcNow };
            db.People.Add(person);
            _users[key] = (person, roles);
            return person;
        }
        var member = Add("member", "Nguyễn Văn An", Roles.Member);
        var secretary = Add("secretary", "Hoàng Thị Hạnh", Roles.Member | Roles.Secretary);
        Add("office", "Văn phòng Thành ủy", Roles.Admin, admin: true);
        Add("nobody", "Lò Thị Sen", Roles.None);
        db.UnitMembers.Add(new UnitMember { UnitId = seed.Unit.Id, PersonId = member.Id, Role = MemberRole.Drafter });
        db.UnitMembers.Add(new UnitMember { UnitId = seed.Unit.Id, PersonId = secretary.Id, Role = MemberRole.Secretary });
        await db.SaveChangesAsync();
        _users["leader"] = (await db.People.SingleAsync(p => p.Id == seed.Leader.Id), Roles.Leader);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        _app.Dispose();
        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task Every_route_against_every_role_is_allowed_or_refused_by_the_table_and_a_refusal_changes_nothing()
    {
        var table = _app.GetService<RouteTable>();
        var checkedCases = 0;
        var refusals = 0;
        // Driven over Teams: a route only the web chat takes (the editor's save, built by SoKet's own page API) is
        // proven by its feature's tests.
        foreach (var route in table.Routes.Where(r => !r.IsWelcome && r.AcceptsChannel(ChannelIds.Teams)))
        {
            foreach (var (key, (person, roles)) in _users)
            {
                var user = new TurnUser(person.Id, person.DisplayName!, null, roles, [], [], []);
                // A file goes to the route the table picks for the sender (a .docx: the plan importer for office staff,
                // the draft import for a unit member); that route allows or refuses them.
                var target = route.AcceptsFile is { } accepts ? table.ForFile(FileFor(accepts), ChannelIds.Teams, user, Scopes.Personal)! : route;
                var allowed = user.Holds(target.Roles);
                var conversation = $"a:{key}-{route.Id}-{Guid.NewGuid():N}";
                await StartFlowAsync(route, conversation);
                var before = await SnapshotAsync(conversation);

                var answer = await SendAsync(route, key, conversation);

                var refusal = target.Refusal?.Invoke(user) ?? (target.Roles == Roles.Admin ? TurnTexts.NotAllowed : TurnTexts.NotAllowedForRole);
                // The pipeline logs each refusal it makes ("Refused route {id} for person {id}"): a handler's own answer
                // about the data it was given (a card naming no unit) may use the same words, the pipeline's log not.
                var refusedByTable = _logs.Lines.Any(l => l.Message == $"Refused route {target.Id} for person {person.Id}: role not allowed");
                _logs.Lines.Clear();
                if (allowed)
                {
                    Assert.False(refusedByTable, $"{target} refused {key} ({roles}), which the table allows: {answer}");
                    Assert.DoesNotContain(TurnTexts.PersonalOnly, answer);
                }
                else
                {
                    Assert.True(refusedByTable, $"{route} was not refused by the table for {key} ({roles})");
                    Assert.True(answer == refusal, $"{route} for {key} ({roles}) answered «{answer}» instead of its refusal «{refusal}»");
                    Assert.Equal(before, await SnapshotAsync(conversation));
                    refusals++;
                }
                checkedCases++;
            }
        }
        // Every route of the running bot, times five roles (figures for the report).
        Assert.True(checkedCases >= table.Routes.Count(r => !r.IsWelcome && r.AcceptsChannel(ChannelIds.Teams)) * 5);
        Assert.True(refusals > 0);
    }

    [Fact]
    public async Task Routes_that_show_a_units_text_run_only_in_a_1to1_chat_and_a_group_gets_the_notice()
    {
        var table = _app.GetService<RouteTable>();
        var personal = table.Routes.Where(r => (r.Scopes & Scopes.GroupChat) == 0 && !r.IsWelcome && r.AcceptsChannel(ChannelIds.Teams)).ToList();
        Assert.Contains(personal, r => r.Id == "xuat-bao-cao");
        Assert.All(table.Routes.Where(r => r.Feature == "Drafting"), r => Assert.Equal(Scopes.Personal, r.Scopes));
        // A unit's report is written only by its members: no drafting route lets the office or a leader in.
        Assert.All(table.Routes.Where(r => r.Feature == "Drafting"), r => Assert.Equal(Roles.None, r.Roles & (Roles.Admin | Roles.Leader)));

        foreach (var route in personal)
        {
            var conversation = $"19:{Guid.NewGuid():N}@thread.v2";
            await StartFlowAsync(route, conversation);
            var before = await SnapshotAsync(conversation);
            var answer = await SendAsync(route, "member", conversation, "groupChat");
            Assert.True(answer.Contains(TurnTexts.PersonalOnly, StringComparison.Ordinal), $"{route} in a group chat answered «{answer}»");
            Assert.Equal(before, await SnapshotAsync(conversation));
        }
    }

    /// <summary>A flow step's button works only inside its flow: the conversation is put in that flow first, as if the user had started it.</summary>
    private async Task StartFlowAsync(RouteEntry route, string conversation)
    {
        if (route.Flow is null)
            return;
        await using var db = _app.OpenStore();
        db.ConversationStates.Add(new ConversationStateRecord
        {
            Key = $"{ChannelIds.Teams}|{conversation}",
            Json = new JsonObject { ["flow"] = new JsonObject { ["name"] = route.Flow, ["version"] = 1, ["token"] = "t1", ["data"] = new JsonObject() } }.ToJsonString(),
            Version = 1,
            UpdatedAtUtc = DateTime.UtcNow,
        });
        await db.SaveChangesAsync();
    }

    /// <summary>How a user reaches the route: its first phrase, its button, its invoke, or a file it takes.</summary>
    private async Task<string> SendAsync(RouteEntry route, string user, string conversation, string conversationType = "personal")
    {
        var activity = TeamsActivities.Message(_connector.ServiceUrl, "", conversation);
        activity.From = new ChannelAccount { Id = "29:" + user, Name = _users[user].Person.DisplayName };
        activity.Conversation!.ConversationType = conversationType;
        if (route.InvokeName is { } invoke)
        {
            activity.Type = ActivityTypes.Invoke;
            activity.Name = invoke;
            activity.Value = new JsonObject { ["type"] = "fileUpload", ["action"] = "decline", ["context"] = new JsonObject() };
        }
        else if (route.AcceptsFile is { } accepts)
        {
            var name = FileFor(accepts);
            activity.Attachments =
            [
                new Attachment
                {
                    ContentType = AttachmentReader.TeamsFileDownloadInfo, Name = name,
                    Content = new JsonObject { ["downloadUrl"] = _connector.ServiceUrl + "files/" + name, ["fileType"] = Path.GetExtension(name)[1..] },
                },
            ];
        }
        else if (route.DisplayPhrases.Count > 0 && route.Flow is null)
        {
            activity.Text = route.DisplayPhrases[0];
        }
        else
        {
            activity.Value = new JsonObject { ["action"] = route.Id, ["_step"] = "t1" };
        }

        if (conversationType != "personal" && activity.Type == ActivityTypes.Message)
        {
            // Outside a 1:1 chat Teams delivers a message to the bot only when it @mentions the bot.
            activity.Text = $"<at>Trợ lý sơ kết</at> {activity.Text}";
            activity.Entities =
            [
                new JsonObject
                {
                    ["type"] = "mention", ["text"] = "<at>Trợ lý sơ kết</at>",
                    ["mentioned"] = new JsonObject { ["id"] = activity.Recipient?.Id, ["name"] = "Trợ lý sơ kết" },
                },
            ];
        }

        var response = await _http.PostAsync("/api/messages", new StringContent(JsonSerializer.Serialize(activity, ProtocolJson.Options), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        if (activity.Type == ActivityTypes.Invoke)
        {
            var body = await response.Content.ReadFromJsonAsync<JsonObject>();
            return body?["value"]?.ToString() ?? "";
        }
        await _connector.WaitForActivityAsync(r => r.Activity?.ReplyToId == activity.Id, TimeSpan.FromSeconds(20));
        await Task.Delay(50);
        var replies = _connector.Requests.Where(r => r.Activity?.ReplyToId == activity.Id && r.Activity?.Type == ActivityTypes.Message).Select(r => r.Activity!);
        return string.Join("\n", replies.Select(r => r.Text ?? r.Summary ?? ""));
    }

    private static string FileFor(Func<string, bool> accepts) => new[] { "ke-hoach.docx", "don-vi.csv" }.First(accepts);

    /// <summary>Every row of every table a feature owns (the pipeline's own bookkeeping aside), and the conversation's state.</summary>
    private async Task<string> SnapshotAsync(string conversation)
    {
        await using var db = _app.OpenStore();
        var bookkeeping = new[] { typeof(ProcessedActivity), typeof(ConversationReferenceRecord), typeof(ConversationStateRecord), typeof(WebChatActivity), typeof(WebChatConversation) };
        var text = new StringBuilder();
        var options = new JsonSerializerOptions { ReferenceHandler = ReferenceHandler.IgnoreCycles };
        var load = typeof(RoleTableTests).GetMethod(nameof(RowsAsync), BindingFlags.NonPublic | BindingFlags.Static)!;
        foreach (var type in db.Model.GetEntityTypes().Where(t => !t.IsOwned() && t.ClrType != typeof(Dictionary<string, object>)).Select(t => t.ClrType).Distinct().OrderBy(t => t.FullName))
        {
            if (bookkeeping.Contains(type))
                continue;
            var rows = await (Task<List<string>>)load.MakeGenericMethod(type).Invoke(null, [db, options])!;
            text.Append(type.Name).Append(':').AppendJoin('|', rows.Order(StringComparer.Ordinal)).AppendLine();
        }
        var state = await db.ConversationStates.AsNoTracking().SingleOrDefaultAsync(s => s.Key == $"{ChannelIds.Teams}|{conversation}");
        var json = state is null ? null : JsonNode.Parse(state.Json) as JsonObject;
        text.Append("flow:").Append(json?["flow"]?.ToJsonString());
        return text.ToString();
    }

    private static async Task<List<string>> RowsAsync<T>(SoKetDbContext db, JsonSerializerOptions options) where T : class =>
        (await db.Set<T>().AsNoTracking().ToListAsync()).Select(r => JsonSerializer.Serialize(r, options)).ToList();
}
