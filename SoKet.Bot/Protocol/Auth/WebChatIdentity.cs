using System.Text.Json.Nodes;

namespace SoKet.Bot.Protocol.Auth;

/// <summary>The web chat user a browser may talk as, and what the page shows about them (name, how to sign out).</summary>
public sealed record WebChatSession(string UserId, string? DisplayName, JsonObject? Page = null);

/// <summary>Why a browser gets no web chat token: the HTTP status, a Vietnamese message, and where to sign in when that helps.</summary>
public sealed record WebChatRefusal(int Status, string Message, string? SignInUrl = null);

/// <summary>
/// Who the user of the built-in web chat is. The channel never invents an identity: in local mode it is the single
/// local operator; otherwise it is whoever the sign-in feature says is signed in, and nobody when nobody is. A port
/// kept with the protocol's auth: the web chat channel and the section editor's page ask it, the sign-in feature
/// answers it, and none of them reaches into another.
/// </summary>
public interface IWebChatIdentity
{
    Task<(WebChatSession? Session, WebChatRefusal? Refusal)> IdentifyAsync(HttpContext http, CancellationToken cancellationToken);

    /// <summary>
    /// The value every Direct Line token for this user carries: a token whose stamp is no longer the current one
    /// is refused (the person signed out, or their password was reset).
    /// </summary>
    ValueTask<string> StampAsync(string userId, CancellationToken cancellationToken);
}

public static class WebChatIdentityTexts
{
    public const string NoSignIn =
        "Trang trò chuyện chỉ dùng được sau khi đăng nhập, nhưng hệ thống chưa được cấu hình đăng nhập. Đề nghị đồng chí liên hệ bộ phận quản trị.";

    public const string SignInFirst = "Đồng chí vui lòng đăng nhập để trò chuyện với Trợ lý sơ kết.";
}
