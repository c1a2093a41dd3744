using System.Text.Json.Nodes;
using SoKet.Bot.Drafting.Import;
using SoKet.Bot.Help;
using SoKet.Bot.Protocol;
using SoKet.Bot.Tests.Infrastructure;
using SoKet.Bot.Text;
using SoKet.Bot.Turns;
using SoKet.Bot.Turns.Routing;

namespace SoKet.Bot.Tests.Help;

/// <summary>
/// The help card tells users what to type: every example under a section, typed as shown and without diacritics,
/// must reach the route that section promises (its button's route), in the running bot's own table, and that route
/// must let in the people the section is shown to. A phrase of another feature that starts the same way (the unit's
/// «xuất báo cáo» under «xuất báo cáo tổng hợp») must not take it.
/// </summary>
public sealed class HelpExampleRoutingTests : IDisposable
{
    /// <summary>Examples that lead to a sibling of the section's own route, as the section's text promises.</summary>
    private static readonly Dictionary<string, string> ExampleRoutes = new(StringComparer.Ordinal)
    {
        // "Soạn báo cáo theo đề cương": «… đồng chí gửi tệp Word (.docx) hoặc dán toàn văn».
        ["nhập dự thảo"] = DraftImportChat.Start,
        // "Nhập chỉ tiêu": a row by its number goes straight to that row's form.
        ["sửa chỉ tiêu số 3"] = SoKet.Bot.Drafting.DraftingEntry.EditIndicator,
    };

    private readonly BotApp _app = new();

    public void Dispose() => _app.Dispose();

    public static TheoryData<string, string, bool> Examples()
    {
        var data = new TheoryData<string, string, bool>();
        var card = HelpCard.Create(isAdmin: true);
        foreach (var (commands, office) in new[] { (card.Commands, false), (card.AdminCommands, true) })
            foreach (var command in commands)
                foreach (var example in command.Examples)
                    data.Add(command.Command, example, office);
        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_help_example_with_and_without_diacritics_reaches_the_route_of_its_section(string section, string example, bool office)
    {
        var table = _app.GetService<RouteTable>();
        var expected = ExampleRoutes.GetValueOrDefault(example, section);
        Assert.NotNull(table.Find(expected));

        foreach (var typed in new[] { example, VietnameseText.Fold(example) })
        {
            var route = Resolve(table, typed);
            Assert.True(route?.Id == expected, $"«{typed}» (help section '{section}') reaches {route?.ToString() ?? "no route"}, not '{expected}'");
            var reader = office ? Roles.Admin : Roles.Member;
            Assert.True((route!.Roles & reader) != 0, $"«{typed}» reaches {route}, which a {reader} may not run");
        }
    }

    /// <summary>What the table picks for typed text in a conversation in no flow, as the turn pipeline asks it.</summary>
    private static RouteEntry? Resolve(RouteTable table, string text)
    {
        var input = TurnInput.Parse(new Activity { Type = ActivityTypes.Message, Text = text }, _ => []);
        return table.Resolve(input, FlowState.Read(new JsonObject()), ChannelIds.WebChat).Route;
    }
}
