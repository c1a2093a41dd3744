using System.Collections.Frozen;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SoKet.Bot.Turns.Routing;

/// <summary>The routes one feature contributes (see <see cref="RoutingServiceCollectionExtensions.AddRoutes"/>).</summary>
public sealed class RouteSource(IReadOnlyList<RouteEntry> routes)
{
    public IReadOnlyList<RouteEntry> Routes { get; } = routes;
}

/// <summary>Collects a feature's routes; handlers are registered as scoped services on the way.</summary>
public sealed class RouteTableBuilder(IServiceCollection services, string feature)
{
    internal List<RouteEntry> Routes { get; } = [];

    /// <summary>A route run by <paramref name="handler"/> of <typeparamref name="THandler"/> (resolved from the turn's scope).</summary>
    public RouteBuilder Add<THandler>(string id, Func<THandler, TurnHandler> handler) where THandler : class
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        services.TryAddScoped<THandler>();
        var route = new RouteEntry(id, feature, sp => handler(sp.GetRequiredService<THandler>()));
        Routes.Add(route);
        return new RouteBuilder(route);
    }
}

public static class RoutingServiceCollectionExtensions
{
    /// <summary>Adds <paramref name="feature"/>'s entries to the routing table.</summary>
    public static IServiceCollection AddRoutes(this IServiceCollection services, string feature, Action<RouteTableBuilder> configure)
    {
        var builder = new RouteTableBuilder(services, feature);
        configure(builder);
        services.AddSingleton(new RouteSource(builder.Routes));
        services.TryAddSingleton<RouteTable>();
        return services;
    }
}

/// <summary>Why no route answers an input.</summary>
public enum RouteMiss
{
    None,

    /// <summary>Typed text no route understood.</summary>
    NotUnderstood,

    /// <summary>A card button names an id no route has (a card from an older version, or forged data).</summary>
    UnknownAction,

    /// <summary>A button of an older card of a flow that has moved on (a double click): answered, nothing changes.</summary>
    StaleCard,

    /// <summary>A button of a flow that is no longer active in this conversation.</summary>
    FlowEnded,

    /// <summary>An invoke no route takes.</summary>
    UnsupportedInvoke,

    /// <summary>A file no route takes.</summary>
    UnsupportedFile,

    /// <summary>Nothing to answer (typing, reactions…).</summary>
    Ignored,
}

public readonly record struct RouteMatch(RouteEntry? Route, RouteMiss Miss);

/// <summary>
/// Every command, card action, invoke and file handler of SoKet in one table, checked when it is built:
/// ids are unique, a flow has one fallback, and two typed routes of the same rank never claim the same
/// phrase (precedence is the rank, never registration order). <see cref="Resolve"/> maps an input to its route.
/// </summary>
public sealed class RouteTable
{
    /// <summary>Inside a flow with a content fallback, a message longer than this is content, never a command.</summary>
    public const int MaxCommandWords = 12;

    private readonly FrozenDictionary<string, RouteEntry> _byId;
    private readonly RouteEntry[] _text;
    private readonly FrozenDictionary<string, RouteEntry> _fallbacks;

    public RouteTable(IEnumerable<RouteSource> sources)
    {
        Routes = sources.SelectMany(s => s.Routes).ToArray();
        var duplicate = Routes.GroupBy(r => r.Id, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidOperationException($"Route id '{duplicate.Key}' is registered twice: {string.Join(", ", duplicate)}.");
        _byId = Routes.ToFrozenDictionary(r => r.Id, StringComparer.OrdinalIgnoreCase);

        _text = Routes.Where(r => r.HasPhrases && !r.IsFlowFallback).OrderBy(r => r.Rank).ThenBy(r => r.Id, StringComparer.Ordinal).ToArray();
        foreach (var clash in _text.GroupBy(r => (r.Rank, r.Flow)).SelectMany(Clashes))
            throw new InvalidOperationException(
                $"Routes {clash.A} and {clash.B} both take \"{clash.Phrase}\" at rank {clash.A.Rank}: give one of them a different rank.");

        var fallbacks = Routes.Where(r => r.IsFlowFallback).GroupBy(r => r.Flow!).ToList();
        if (fallbacks.FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new InvalidOperationException($"Flow '{twice.Key}' has more than one fallback: {string.Join(", ", twice)}.");
        _fallbacks = fallbacks.ToFrozenDictionary(g => g.Key, g => g.Single());
        Invokes = Routes.Where(r => r.InvokeName is not null).ToArray();
        Files = Routes.Where(r => r.AcceptsFile is not null).OrderBy(r => r.Rank).ThenBy(r => r.Id, StringComparer.Ordinal).ToArray();
        Welcome = Routes.FirstOrDefault(r => r.IsWelcome);
    }

    public IReadOnlyList<RouteEntry> Routes { get; }

    public IReadOnlyList<RouteEntry> Invokes { get; }

    public IReadOnlyList<RouteEntry> Files { get; }

    public RouteEntry? Welcome { get; }

    public RouteEntry? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>Typed-text routes in the order they are tried.</summary>
    public IReadOnlyList<RouteEntry> TextRoutes => _text;

    public RouteMatch Resolve(TurnInput input, FlowState flow, string? channelId)
    {
        switch (input.Kind)
        {
            case InputKind.CardAction:
                if (input.ActionId is null || Find(input.ActionId) is not { IsPressable: true } pressed || !pressed.AcceptsChannel(channelId))
                    return new RouteMatch(null, RouteMiss.UnknownAction);
                if (pressed.Flow is { } owner)
                {
                    if (!flow.IsActive(owner))
                        return new RouteMatch(pressed, RouteMiss.FlowEnded);
                    if (input.CardToken != flow.Token)
                        return new RouteMatch(pressed, RouteMiss.StaleCard);
                }
                return new RouteMatch(pressed, RouteMiss.None);

            case InputKind.Text:
                return ResolveText(input, flow, channelId);

            case InputKind.Invoke:
                var invoke = Invokes.FirstOrDefault(r => string.Equals(r.InvokeName, input.InvokeName, StringComparison.Ordinal) && r.AcceptsChannel(channelId));
                return new RouteMatch(invoke, invoke is null ? RouteMiss.UnsupportedInvoke : RouteMiss.None);

            case InputKind.Welcome when Welcome is not null:
                return new RouteMatch(Welcome, RouteMiss.None);

            default:
                return new RouteMatch(null, RouteMiss.Ignored);
        }
    }

    /// <summary>
    /// The route that takes a file of this name from <paramref name="user"/> in <paramref name="scope"/>: the first (by
    /// rank) that takes the name and that the user may run there — a .docx from office staff is a plan, from a unit member
    /// their draft — or, when they may run none, the first that takes the name (it refuses them in its own words). Null
    /// when no route takes the name.
    /// </summary>
    public RouteEntry? ForFile(string fileName, string? channelId, TurnUser user, Scopes scope)
    {
        RouteEntry? refusing = null;
        foreach (var route in Files)
        {
            if (!route.AcceptsFile!(fileName) || !route.AcceptsChannel(channelId))
                continue;
            if (user.Holds(route.Roles) && (route.Scopes & scope) != 0)
                return route;
            refusing ??= route;
        }
        return refusing;
    }

    private RouteMatch ResolveText(TurnInput input, FlowState flow, string? channelId)
    {
        var fallback = flow.Name is { } active ? _fallbacks.GetValueOrDefault(active) : null;
        if (fallback is not null && input.WordCount > MaxCommandWords)
            return new RouteMatch(fallback, RouteMiss.None);
        var folded = input.Folded;
        foreach (var route in _text)
        {
            if (route.Flow is not null && !flow.IsActive(route.Flow))
                continue;
            if (route.AcceptsChannel(channelId) && route.MatchesText(folded))
            {
                // Report text may begin with a command's words ("Nộp báo cáo thống kê hằng quý đầy đủ, đúng hạn."). Where
                // the flow takes such text, a sentence that only begins with a command is asked about as text, never run
                // as the command (which would drop the sentence); the whole phrase alone still runs it.
                if (fallback?.TakesProse is { } takesProse && route.Flow is null && !route.IsWholePhrase(folded)
                    && LooksLikeProse(input.Text) && takesProse(flow))
                {
                    input.CommandLikeText = route.LeadingPhrase(folded) ?? input.Text;
                    return new RouteMatch(fallback, RouteMiss.None);
                }
                return new RouteMatch(route, RouteMiss.None);
            }
        }
        return fallback is not null && input.Text.Length > 0
            ? new RouteMatch(fallback, RouteMiss.None)
            : new RouteMatch(null, folded.Length == 0 ? RouteMiss.Ignored : RouteMiss.NotUnderstood);
    }

    /// <summary>
    /// Written as a sentence (a full stop, ellipsis or semicolon at the end), not as a command or a question. Commas are
    /// no sign: commands have them too («gợi ý phần hạn chế, nguyên nhân»).
    /// </summary>
    private static bool LooksLikeProse(string text)
    {
        var trimmed = text.TrimEnd();
        return trimmed.EndsWith('.') || trimmed.EndsWith('…') || trimmed.EndsWith(';');
    }

    private static IEnumerable<(RouteEntry A, RouteEntry B, string Phrase)> Clashes(IEnumerable<RouteEntry> sameRank)
    {
        var routes = sameRank.ToArray();
        for (var i = 0; i < routes.Length; i++)
        for (var j = i + 1; j < routes.Length; j++)
        {
            var phrase = routes[i].Phrases.Select(p => p.Phrase).FirstOrDefault(routes[j].MatchesText)
                ?? routes[j].Phrases.Select(p => p.Phrase).FirstOrDefault(routes[i].MatchesText);
            if (phrase is not null)
                yield return (routes[i], routes[j], phrase);
        }
    }
}
