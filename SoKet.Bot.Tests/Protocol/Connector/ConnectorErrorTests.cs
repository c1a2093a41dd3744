using System.Net;
using SoKet.Bot.Protocol.Connector;

namespace SoKet.Bot.Tests.Protocol.Connector;

public sealed class ConnectorErrorTests
{
    [Fact]
    public void Reads_the_bot_connector_error_envelope()
    {
        var error = ConnectorError.Parse("""{"error":{"code":"ConversationBlockedByUser","message":"User blocked the conversation with the bot."}}""");

        Assert.Equal(new ConnectorError("ConversationBlockedByUser", null, "User blocked the conversation with the bot."), error);
    }

    [Fact]
    public void Reads_teams_documented_message_writes_blocked_body_whose_message_is_json()
    {
        // Verbatim from "Understand who blocked, muted, or uninstalled a bot" in the Teams proactive messaging docs.
        const string body = "{\"errorCode\":209,\"message\":\"{\\r\\n  \\\"subCode\\\": \\\"MessageWritesBlocked\\\",\\r\\n  \\\"details\\\": \\\"Thread is blocked from message writes.\\\",\\r\\n  \\\"errorCode\\\": null,\\r\\n  \\\"errorSubCode\\\": null\\r\\n}\"}";

        var error = ConnectorError.Parse(body);

        Assert.Equal(new ConnectorError("209", "MessageWritesBlocked", "Thread is blocked from message writes."), error);
    }

    [Theory]
    [InlineData("""{"error":{"code":"ServiceError","message":"x","innerHttpError":{"statusCode":403,"body":{"subCode":"MessageWritesBlocked"}}}}""")]
    [InlineData("""{"error":{"code":"ServiceError","message":"x","innerHttpError":{"statusCode":403,"body":"{\"subCode\":\"MessageWritesBlocked\"}"}}}""")]
    [InlineData("""{"error":{"code":"Forbidden","subCode":"MessageWritesBlocked","message":"x"}}""")]
    public void Finds_a_sub_code_wherever_it_is_nested(string body)
    {
        Assert.Equal("MessageWritesBlocked", ConnectorError.Parse(body).SubCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_body_yields_nothing(string? body)
    {
        Assert.Equal(new ConnectorError(null, null, null), ConnectorError.Parse(body));
    }

    [Fact]
    public void A_non_json_body_becomes_the_truncated_message()
    {
        var html = "<html>" + new string('x', 2000) + "</html>";

        var error = ConnectorError.Parse(html);

        Assert.Null(error.Code);
        Assert.StartsWith("<html>xxx", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message!.Length <= 501);
    }

    [Theory]
    [InlineData(HttpStatusCode.Forbidden, null, "MessageWritesBlocked", true)]
    [InlineData(HttpStatusCode.Forbidden, "ConversationBlockedByUser", null, true)]
    [InlineData(HttpStatusCode.Forbidden, "BotNotInConversationRoster", null, true)]
    [InlineData(HttpStatusCode.Forbidden, "BotDisabledByAdmin", null, false)]
    [InlineData(HttpStatusCode.Forbidden, "ForbiddenOperationException", null, false)]
    [InlineData(HttpStatusCode.BadRequest, null, "MessageWritesBlocked", false)]
    public void Recipient_blocked_means_403_with_a_documented_blocked_or_removed_code(HttpStatusCode status, string? code, string? subCode, bool blocked)
    {
        Assert.Equal(blocked, new ConnectorException(status, code, subCode, "m").IsRecipientBlocked);
    }
}
