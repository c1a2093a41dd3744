using System.Net;
using Microsoft.Extensions.Options;
using SoKet.Bot.Tests.Infrastructure;

namespace SoKet.Bot.Tests.Health;

[Trait("Category", "Store")]
public sealed class HostTests
{
    [Fact]
    public async Task Health_endpoint_reports_healthy_when_the_store_answers()
    {
        using var app = new BotApp();
        using var http = app.CreateHttpClient();

        var response = await http.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_web_chat_page_is_served_at_the_root_in_Vietnamese()
    {
        using var app = new BotApp();
        using var http = app.CreateHttpClient();

        var page = await http.GetStringAsync("/");
        var bundle = await http.GetAsync("/lib/webchat.js");

        Assert.Contains("<html lang=\"vi\">", page);
        Assert.Contains("Trợ lý sơ kết", page);
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
    }

    [Theory]
    [InlineData("MicrosoftAppId", "not-a-guid", "MicrosoftAppId")]
    [InlineData("MicrosoftAppPassword", "secret-without-app-id", "MicrosoftAppPassword")]
    [InlineData("Channels:MaxActivityBytes", "10", "MaxActivityBytes")]
    [InlineData("WebChat:PollingIntervalMs", "5", "PollingIntervalMs")]
    public void Bad_configuration_stops_the_start_with_a_message_naming_the_setting(string key, string value, string named)
    {
        using var app = new BotApp();
        app.Settings[key] = value;

        var error = Assert.ThrowsAny<Exception>(() => app.Start());

        var validation = FindValidationException(error);
        Assert.NotNull(validation);
        Assert.Contains(named, validation.Message);
    }

    [Theory]
    [InlineData("", "Store:ConnectionString is required when Store:Provider is PostgreSQL")]
    [InlineData("Database=soket", "Store:ConnectionString names no server")]
    public void PostgreSQL_without_a_server_in_the_connection_string_stops_the_start(string connectionString, string message)
    {
        using var app = new BotApp();
        app.Settings["Store:Provider"] = "PostgreSQL";
        app.Settings["Store:ConnectionString"] = connectionString;

        var error = Assert.ThrowsAny<Exception>(() => app.Start());

        var validation = FindValidationException(error);
        Assert.NotNull(validation);
        Assert.Contains(message, validation.Message);
    }

    [Fact]
    public void An_unknown_store_provider_stops_the_start_naming_the_setting()
    {
        using var app = new BotApp();
        app.Settings["Store:Provider"] = "MySQL";

        var error = Assert.ThrowsAny<Exception>(() => app.Start());

        var validation = FindValidationException(error);
        Assert.NotNull(validation);
        Assert.Contains("Store:Provider must be \"SQLite\" or \"PostgreSQL\", not \"MySQL\"", validation.Message);
    }

    private static OptionsValidationException? FindValidationException(Exception? error)
    {
        for (; error is not null; error = error.InnerException)
        {
            if (error is OptionsValidationException validation)
                return validation;
            if (error is AggregateException aggregate)
                return aggregate.InnerExceptions.Select(FindValidationException).FirstOrDefault(e => e is not null);
        }
        return null;
    }
}
