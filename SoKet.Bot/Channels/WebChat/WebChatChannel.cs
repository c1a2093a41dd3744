namespace SoKet.Bot.Channels.WebChat;

public static class WebChatChannel
{
    /// <summary>
    /// The serviceUrl stamped on activities of the built-in web chat. It is not an HTTP address on
    /// purpose: replies to it are written to the store, never sent to a Bot Connector, while Azure's
    /// own hosted "webchat" channel (a real serviceUrl) still goes through the Connector.
    /// </summary>
    public const string ServiceUrl = "urn:soket:webchat";

    public const string BotId = "soket-bot";
}
