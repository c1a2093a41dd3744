using SoKet.Bot.Protocol.Auth;

namespace SoKet.Bot.Channels.WebChat;

/// <summary>Without a sign-in feature: the local operator in local mode, nobody otherwise.</summary>
internal sealed class LocalOnlyWebChatIdentity(LocalMode localMode) : IWebChatIdentity
{
    public Task<(WebChatSession? Session, WebChatRefusal? Refusal)> IdentifyAsync(HttpContext http, CancellationToken cancellationToken) =>
        Task.FromResult<(WebChatSession?, WebChatRefusal?)>(localMode.IsActive
            ? (new WebChatSession(LocalMode.WebChatOperatorId, null), null)
            : (null, new WebChatRefusal(StatusCodes.Status403Forbidden, WebChatIdentityTexts.NoSignIn)));

    public ValueTask<string> StampAsync(string userId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(localMode.IsActive ? "" : "closed");
}
