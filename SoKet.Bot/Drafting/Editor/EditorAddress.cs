using Microsoft.Extensions.Options;

namespace SoKet.Bot.Drafting.Editor;

/// <summary>Where the editor page is: relative for the web chat (same origin as the chat), absolute for a Teams dialog.</summary>
public sealed class EditorAddress(IOptions<EditorOptions> options, IHttpContextAccessor http)
{
    public const string PagePath = "/editor";

    public string ForWebChat(string token) => $"{PagePath}?t={Uri.EscapeDataString(token)}";

    /// <summary>Editor:PublicUrl, else the address this request came to (Teams itself requires https there).</summary>
    public string ForTeams(string token, bool conflict = false) =>
        $"{Base()}{PagePath}?t={Uri.EscapeDataString(token)}&host=teams{(conflict ? "&conflict=1" : "")}";

    private string Base()
    {
        if (!string.IsNullOrWhiteSpace(options.Value.PublicUrl))
            return options.Value.PublicUrl.TrimEnd('/');
        var request = http.HttpContext?.Request;
        return request is null ? "" : $"{request.Scheme}://{request.Host}{request.PathBase}";
    }
}
