using System.Text.Json.Nodes;
using SoKet.Bot.Cards;
using SoKet.Bot.Tests.Infrastructure;
using SoKet.Bot.Turns.Routing;

namespace SoKet.Bot.Tests.Turns;

/// <summary>At start SoKet checks that every button of every card leads to a route; a card with a dead button stops the start, naming it.</summary>
public sealed class CardRouteCheckTests : IDisposable
{
    private readonly TempFolder _cards = new();

    public CardRouteCheckTests()
    {
        foreach (var file in Directory.EnumerateFiles(CardCatalog.DefaultDirectory, "*.json"))
            File.Copy(file, Path.Combine(_cards.Path, Path.GetFileName(file)));
    }

    [Fact]
    public void The_app_starts_when_every_button_of_its_cards_leads_somewhere()
    {
        using var app = new BotApp();
        app.Settings["Cards:Directory"] = _cards.Path;

        app.Start();
    }

    [Fact]
    public void A_template_with_a_button_to_an_unknown_action_stops_the_start_naming_the_card_and_the_value()
    {
        var path = Path.Combine(_cards.Path, "report-submit.json");
        var card = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        card["actions"]!.AsArray().Add(new JsonObject
        {
            ["type"] = "Action.Submit", ["title"] = "Nút không dẫn đi đâu", ["data"] = new JsonObject { ["action"] = "report.khong-co" },
        });
        File.WriteAllText(path, card.ToJsonString());
        using var app = new BotApp();
        app.Settings["Cards:Directory"] = _cards.Path;

        var error = Assert.ThrowsAny<Exception>(() => app.Start());

        var message = Flatten(error);
        Assert.Contains("card template 'report-submit'", message);
        Assert.Contains("'report.khong-co'", message);
    }

    [Fact]
    public void A_card_built_in_code_with_a_dead_button_stops_the_start_too()
    {
        using var app = new BotApp();
        app.Settings["Cards:Directory"] = _cards.Path;
        app.TestServices = services => services.AddCardSamples("Test", _ =>
            [("the-test-card", new JsonObject
            {
                ["type"] = "AdaptiveCard", ["version"] = "1.5",
                ["actions"] = new JsonArray(new JsonObject { ["type"] = "Action.Submit", ["title"] = "?", ["data"] = new JsonObject { ["command"] = "lenh-da-bo" } }),
            })]);

        var error = Assert.ThrowsAny<Exception>(() => app.Start());

        Assert.Contains("card 'the-test-card': a button leads to 'lenh-da-bo'", Flatten(error));
    }

    private static string Flatten(Exception? error)
    {
        var messages = new List<string>();
        for (; error is not null; error = error.InnerException)
            messages.Add(error.Message);
        return string.Join(" | ", messages);
    }

    public void Dispose() => _cards.Dispose();
}
