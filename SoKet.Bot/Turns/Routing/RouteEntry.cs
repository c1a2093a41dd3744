using SoKet.Bot.Text;

namespace SoKet.Bot.Turns.Routing;

/// <summary>Runs a route: reads <see cref="TurnContext.Input"/>, stages its changes in the store and replies.</summary>
public delegate Task TurnHandler(TurnContext turn, CancellationToken cancellationToken);

public enum PhraseMatch
{
    /// <summary>The folded message is one of the phrases.</summary>
    Exact,

    /// <summary>The folded message is a phrase or starts with one followed by a space ("soạn báo cáo mục II").</summary>
    StartsWith,

    /// <summary>The folded message contains a phrase as whole words.</summary>
    Contains,
}

/// <summary>
/// One entry of the routing table: what a user can ask for, how they ask (Vietnamese phrases, a card button
/// naming <see cref="Id"/>, an invoke, a file, the bot being added), who may ask, where, and what runs.
/// </summary>
public sealed class RouteEntry
{
    internal RouteEntry(string id, string feature, Func<IServiceProvider, TurnHandler> bind)
    {
        Id = id;
        Feature = feature;
        Bind = bind;
    }

    /// <summary>The route's id: what card buttons carry in data.action / data.command, or as Action.Execute's verb.</summary>
    public string Id { get; }

    /// <summary>The feature that registered it (for messages and the start-up check).</summary>
    public string Feature { get; }

    /// <summary>Folded phrases (no diacritics) a typed message is matched against, each with how it must match.</summary>
    public IReadOnlyList<(string Phrase, PhraseMatch Match)> Phrases { get; internal set; } = [];

    /// <summary>The phrases as registered, with diacritics (shown in help and errors).</summary>
    public IReadOnlyList<string> DisplayPhrases { get; internal set; } = [];

    /// <summary>A matcher of its own for typed text (the deadline-question classifier), on the folded text.</summary>
    public Func<string, bool>? Matcher { get; internal set; }

    /// <summary>Lower runs first among typed-text routes; see <see cref="RouteRank"/>.</summary>
    public int Rank { get; internal set; } = RouteRank.Command;

    public Roles Roles { get; internal set; } = Roles.Anyone;

    /// <summary>What a user who holds none of <see cref="Roles"/> is told; a generic refusal when null.</summary>
    public Func<TurnUser, string>? Refusal { get; internal set; }

    public Scopes Scopes { get; internal set; } = Scopes.All;

    /// <summary>
    /// Set for a step of a flow: typed phrases match only while the flow is active, and a card button must
    /// carry the flow's current token (an older card's button is answered "already handled").
    /// </summary>
    public string? Flow { get; internal set; }

    /// <summary>Runs for typed text that no phrase matched while its flow is active (typed content of a section).</summary>
    public bool IsFlowFallback { get; internal set; }

    /// <summary>A card button may name this route (every route but invokes, files and welcome).</summary>
    public bool IsPressable { get; internal set; } = true;

    public string? InvokeName { get; internal set; }

    public Func<string, bool>? AcceptsFile { get; internal set; }

    public bool IsWelcome { get; internal set; }

    /// <summary>Channels the route is accepted on; empty = all.</summary>
    public IReadOnlyList<string> Channels { get; internal set; } = [];

    internal Func<IServiceProvider, TurnHandler> Bind { get; }

    public bool HasPhrases => Phrases.Count > 0 || Matcher is not null;

    public bool MatchesText(string folded)
    {
        if (folded.Length == 0)
            return false;
        if (Matcher is not null && Matcher(folded))
            return true;
        foreach (var (phrase, match) in Phrases)
        {
            var hit = match switch
            {
                PhraseMatch.Exact => folded == phrase,
                PhraseMatch.StartsWith => folded == phrase || (folded.StartsWith(phrase, StringComparison.Ordinal) && folded[phrase.Length] == ' '),
                _ => (" " + folded + " ").Contains(" " + phrase + " ", StringComparison.Ordinal),
            };
            if (hit)
                return true;
        }
        return false;
    }

    /// <summary>The folded message is one of the phrases as a whole (not a phrase that begins a longer message).</summary>
    public bool IsWholePhrase(string folded) => Phrases.Any(p => p.Phrase == folded);

    /// <summary>The registered phrase (with diacritics) a longer message begins with, to name the command to the user.</summary>
    public string? LeadingPhrase(string folded) =>
        DisplayPhrases.FirstOrDefault(p => VietnameseText.FoldForMatching(p) is { Length: > 0 } f && folded.StartsWith(f + " ", StringComparison.Ordinal));

    /// <summary>
    /// For a flow fallback: whether, in the flow's current state, typed text is content (a section is open). There a
    /// sentence that only begins with a command's words is confirmed as text rather than run as the command.
    /// </summary>
    public Func<FlowState, bool>? TakesProse { get; internal set; }

    public bool AcceptsChannel(string? channelId) => Channels.Count == 0 || (channelId is not null && Channels.Contains(channelId));

    public override string ToString() => $"{Id} ({Feature})";
}

/// <summary>
/// Precedence of typed-text routes, explicit in the table: the words of the active flow first, then specific
/// commands, then broad matchers (a question about deadlines mentions almost anything), then a flow's
/// content fallback.
/// </summary>
public static class RouteRank
{
    public const int FlowStep = 10;
    public const int Cancel = 20;
    public const int Command = 100;
    public const int Broad = 500;
    public const int Fallback = 1000;
}

/// <summary>Fluent options of one route, used inside a feature's <c>AddRoutes</c> call.</summary>
public sealed class RouteBuilder
{
    private readonly RouteEntry _route;

    internal RouteBuilder(RouteEntry route) => _route = route;

    /// <summary>Typed phrases (with diacritics; matched with or without them): the message is one of them or starts with one.</summary>
    public RouteBuilder Says(params string[] phrases) => Phrases(PhraseMatch.StartsWith, phrases);

    public RouteBuilder SaysExactly(params string[] phrases) => Phrases(PhraseMatch.Exact, phrases);

    public RouteBuilder Mentions(params string[] phrases) => Phrases(PhraseMatch.Contains, phrases);

    /// <summary>A matcher of its own on the folded text, in addition to any phrases.</summary>
    public RouteBuilder When(Func<string, bool> matcher)
    {
        _route.Matcher = matcher;
        return this;
    }

    public RouteBuilder Rank(int rank)
    {
        _route.Rank = rank;
        return this;
    }

    public RouteBuilder For(Roles roles, Func<TurnUser, string>? refusal = null)
    {
        _route.Roles = roles;
        _route.Refusal = refusal;
        return this;
    }

    public RouteBuilder In(Scopes scopes)
    {
        _route.Scopes = scopes;
        return this;
    }

    public RouteBuilder InFlow(string flow)
    {
        _route.Flow = flow;
        if (_route.Rank == RouteRank.Command)
            _route.Rank = RouteRank.FlowStep;
        return this;
    }

    /// <summary>Typed text in <paramref name="flow"/> that no phrase matched comes here.</summary>
    /// <param name="takesProse">Whether the flow's state makes typed text content (see <see cref="RouteEntry.TakesProse"/>).</param>
    public RouteBuilder FallbackOf(string flow, Func<FlowState, bool>? takesProse = null)
    {
        _route.Flow = flow;
        _route.TakesProse = takesProse;
        _route.IsFlowFallback = true;
        _route.Rank = RouteRank.Fallback;
        return this;
    }

    public RouteBuilder OnInvoke(string name)
    {
        _route.InvokeName = name;
        _route.IsPressable = false;
        return this;
    }

    public RouteBuilder OnFile(Func<string, bool> acceptsFileName)
    {
        _route.AcceptsFile = acceptsFileName;
        _route.IsPressable = false;
        return this;
    }

    public RouteBuilder OnWelcome()
    {
        _route.IsWelcome = true;
        _route.IsPressable = false;
        return this;
    }

    public RouteBuilder OnlyOn(params string[] channelIds)
    {
        _route.Channels = channelIds;
        return this;
    }

    private RouteBuilder Phrases(PhraseMatch match, string[] phrases)
    {
        _route.DisplayPhrases = [.. _route.DisplayPhrases, .. phrases];
        _route.Phrases = [.. _route.Phrases, .. phrases.Select(VietnameseText.FoldForMatching).Where(p => p.Length > 0).Distinct().Select(p => (p, match))];
        return this;
    }
}
