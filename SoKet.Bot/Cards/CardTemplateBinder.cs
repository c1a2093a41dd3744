using System.Text.Json.Nodes;
using static SoKet.Bot.Cards.JsSemantics;

namespace SoKet.Bot.Cards;

/// <summary>
/// Binds an Adaptive Card template to data, producing the same card as Microsoft's
/// <c>adaptivecards-templating</c> 2.3.1 for the subset of the templating language SoKet uses (the
/// AdaptiveCards.Templating NuGet package is not available to this project). A template is parsed once
/// and can be bound many times, concurrently.
/// </summary>
/// <remarks>
/// <para>Supported (https://learn.microsoft.com/adaptive-cards/templating/language):</para>
/// <list type="bullet">
/// <item><c>${...}</c> bindings in any string value (not in property names). A string that is exactly one
/// binding keeps the value's JSON type; several bindings, or text around one, make a string.</item>
/// <item>Property paths: <c>${unit.name}</c>, <c>${items[0].x}</c>, <c>${$root.title}</c>, <c>${$data}</c>,
/// <c>${$index}</c>; names are matched case-insensitively, as in the reference.</item>
/// <item><c>$data</c> on any object, the card included: an array repeats the object once per item (with
/// <c>$index</c>), any other value becomes the object's data; <c>$when</c> on any object: the object is
/// kept only when the expression is the boolean <c>true</c> (a truthy number or string drops it).</item>
/// <item>Literals (numbers, 'strings', true, false, null), <c>!</c>, <c>== != &lt; &lt;= &gt; &gt;=</c>,
/// <c>&amp;&amp; ||</c>, <c>+</c>, parentheses, and the functions equals, not, and, or, empty, count, length.</item>
/// </list>
/// <para>Missing data behaves as in the reference: a missing property in a value shows its own binding
/// (<c>"${name}"</c>) in the card; in <c>$when</c> and inside operators it is undefined (so
/// <c>${!done}</c> is true and <c>${count &gt; 0}</c> is false). A null or missing value inside a longer
/// string fails the whole card in the reference, and here too. Templates that use anything else are
/// rejected by <see cref="Parse"/>, as are <c>$when</c> and <c>$data</c> that are not a single binding
/// (the reference silently drops or misreads those).</para>
/// </remarks>
public sealed class CardTemplateBinder
{
    // Keys the reference engine strips from every object of the output.
    private static readonly HashSet<string> ReservedKeys = new(StringComparer.Ordinal)
    {
        "$data", "$when", "$root", "$index", "$host", "$_acTemplateVersion",
    };

    private readonly Node _root;

    private CardTemplateBinder(string name, Node root)
    {
        Name = name;
        _root = root;
    }

    /// <summary>The template's name, used in error messages.</summary>
    public string Name { get; }

    /// <summary>Parses a template; throws <see cref="CardTemplateException"/> when it uses anything outside the subset.</summary>
    public static CardTemplateBinder Parse(JsonNode template, string name)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new CardTemplateBinder(name, Prepare(template, "$", name, Position.Other));
    }

    /// <summary>
    /// Binds the template to <paramref name="data"/> (null: no data). The result is a new tree: usually the
    /// card object; an array or null when a <c>$data</c> or <c>$when</c> on the template's root says so.
    /// Throws <see cref="CardTemplateException"/> where the reference engine fails.
    /// </summary>
    public JsonNode? Bind(JsonNode? data) => Bind(data, literal: null);

    /// <summary>
    /// Binds as <see cref="Bind(JsonNode?)"/>, and passes every string that binds data into a property the renderers
    /// read as Markdown (a TextBlock's <c>text</c>, a fact's <c>title</c> and <c>value</c>) through
    /// <paramref name="literal"/> as a whole, template words included: data is text, and "${number}. ${name}" must
    /// not become a list item numbered "1.". A string without bindings is the template's own Markdown and stays as
    /// written. The reference engine has no such step; <see cref="CardCatalog"/> always asks for it.
    /// </summary>
    public JsonNode? Bind(JsonNode? data, Func<string, string>? literal)
    {
        var root = data is null ? JsUndefined.Value : FromNode(data);
        var result = _root.Expand(new TemplateScope(root, JsUndefined.Value, JsUndefined.Value), new Binding(this, literal));
        return result is JsUndefined ? null : (JsonNode?)result;
    }

    /// <summary>One call of Bind: the template, and how Markdown text is made literal (null: left as bound).</summary>
    private sealed class Binding(CardTemplateBinder binder, Func<string, string>? literal)
    {
        public Func<string, string>? Literal => literal;

        public CardTemplateException Failure(string path, string message, Exception? inner = null) => binder.Failure(path, message, inner);
    }

    /// <summary>Where a template value sits, as far as Markdown goes.</summary>
    private enum Position
    {
        Other,

        /// <summary>A string the renderers read as Markdown.</summary>
        Markdown,

        /// <summary>A FactSet's facts array, whose items are facts.</summary>
        Facts,

        Fact,
    }

    private CardTemplateException Failure(string path, string message, Exception? inner = null) =>
        inner is null
            ? new CardTemplateException($"Card template '{Name}' at {path}: {message}.")
            : new CardTemplateException($"Card template '{Name}' at {path}: {message}.", inner);

    private static Node Prepare(JsonNode? node, string path, string name, Position position)
    {
        switch (node)
        {
            case JsonObject obj:
                return PrepareObject(obj, path, name, position);
            case JsonArray array:
                var itemPosition = position == Position.Facts ? Position.Fact : Position.Other;
                return new ArrayNode(array.Select((item, i) => Prepare(item, $"{path}[{i}]", name, itemPosition)).ToList());
            case JsonValue value when FromNode(value) is string text:
                var parsed = ParseString(text, path, name);
                return parsed is null ? new LiteralNode(value) : new StringNode(parsed, path, position == Position.Markdown);
            default:
                return new LiteralNode(node);
        }
    }

    private static ObjectNode PrepareObject(JsonObject obj, string path, string name, Position position)
    {
        var type = obj["type"] is JsonValue t && FromNode(t) is string s ? s : null;
        var properties = new List<(string, Node)>();
        foreach (var (key, value) in obj)
        {
            if (!ReservedKeys.Contains(key))
            {
                // Where Adaptive Cards read Markdown: https://learn.microsoft.com/adaptive-cards/authoring-cards/text-features
                // (TextBlock) and https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/cards-format
                // (TextBlock, Fact.Title, Fact.Value).
                var child = (type, key, position) switch
                {
                    ("TextBlock", "text", _) => Position.Markdown,
                    ("FactSet", "facts", _) => Position.Facts,
                    (_, "title" or "value", Position.Fact) => Position.Markdown,
                    _ => Position.Other,
                };
                properties.Add((key, Prepare(value, path + "." + key, name, child)));
            }
        }

        return new ObjectNode(
            properties,
            PrepareDirective(obj, "$data", path, name),
            PrepareDirective(obj, "$when", path, name),
            path);
    }

    private static TemplateExpression? PrepareDirective(JsonObject obj, string key, string path, string name)
    {
        if (!obj.TryGetPropertyValue(key, out var value))
        {
            return null;
        }

        var where = path + "." + key;
        var binding = value is JsonValue v && FromNode(v) is string text ? ParseString(text, where, name)?.Single : null;
        return binding ?? throw new CardTemplateException(
            $"Card template '{name}' at {where}: must be a single binding such as \"${{items}}\" or \"${{isAdmin}}\", found {value?.ToJsonString() ?? "null"}.");
    }

    private static InterpolatedString? ParseString(string text, string path, string name)
    {
        try
        {
            return InterpolatedString.Parse(text);
        }
        catch (TemplateSyntaxException e)
        {
            throw new CardTemplateException($"Card template '{name}' at {path}: {e.Message} (in \"{text}\").", e);
        }
    }

    /// <summary>
    /// A prepared template node. Expanding returns a <see cref="JsonNode"/>, null (JSON null) or
    /// <see cref="JsUndefined"/> (no value: the property is left out).
    /// </summary>
    private abstract class Node
    {
        public abstract object? Expand(TemplateScope scope, Binding binder);
    }

    private sealed class LiteralNode(JsonNode? value) : Node
    {
        public override object? Expand(TemplateScope scope, Binding binder) => value?.DeepClone();
    }

    private sealed class StringNode(InterpolatedString text, string path, bool markdown) : Node
    {
        public override object? Expand(TemplateScope scope, Binding binder)
        {
            var literal = markdown ? binder.Literal : null;
            if (text.Single is { } expression)
            {
                var value = Evaluate(expression, scope, substitute: true, binder, path);
                if (literal is not null && value is string bound)
                    return JsonValue.Create(literal(bound));
                return value is JsUndefined ? value : ToNode(value);
            }

            var concatenated = text.Concatenate(scope, message => binder.Failure(path, message));
            return JsonValue.Create(literal is null ? concatenated : literal(concatenated));
        }
    }

    private sealed class ArrayNode(List<Node> items) : Node
    {
        public override object? Expand(TemplateScope scope, Binding binder)
        {
            var result = new JsonArray();
            foreach (var item in items)
            {
                switch (item.Expand(scope, binder))
                {
                    // Dropped elements ($when false, empty $data) and nulls disappear from arrays.
                    case null:
                        break;
                    // A repeated element ($data over an array), or any array value, is spliced in.
                    case JsonArray inner:
                        var elements = inner.ToList();
                        inner.Clear();
                        foreach (var element in elements)
                        {
                            result.Add(element);
                        }

                        break;
                    case JsUndefined:
                        result.Add(null);
                        break;
                    case JsonNode node:
                        result.Add(node);
                        break;
                }
            }

            return result;
        }
    }

    private sealed class ObjectNode(
        List<(string Key, Node Value)> properties,
        TemplateExpression? data,
        TemplateExpression? when,
        string path) : Node
    {
        public override object? Expand(TemplateScope scope, Binding binder)
        {
            IReadOnlyList<object?> contexts = [JsUndefined.Value];
            var repeated = false;
            if (data is not null)
            {
                var value = Evaluate(data, scope, substitute: true, binder, path + ".$data");
                if (value is JsonArray array)
                {
                    contexts = array.Select(FromNode).ToList();
                    repeated = true;
                }
                else
                {
                    contexts = [value];
                }
            }

            var results = new List<JsonObject>();
            for (var i = 0; i < contexts.Count; i++)
            {
                var itemScope = scope with
                {
                    Data = contexts[i] is JsUndefined ? scope.Data : contexts[i],
                    Index = repeated ? (double)i : scope.Index,
                };

                if (when is not null && !IsTrue(when, itemScope, binder))
                {
                    continue;
                }

                var obj = new JsonObject();
                foreach (var (key, node) in properties)
                {
                    var value = node.Expand(itemScope, binder);
                    if (value is not JsUndefined)
                    {
                        obj[key] = (JsonNode?)value;
                    }
                }

                results.Add(obj);
            }

            return results.Count switch
            {
                0 => null,
                1 => results[0],
                _ => new JsonArray(results.ToArray<JsonNode?>()),
            };
        }

        // $when reads data without substitution and keeps the object only for the boolean true; an
        // evaluation error counts as false.
        private bool IsTrue(TemplateExpression condition, TemplateScope scope, Binding binder)
        {
            EvalResult result;
            try
            {
                result = condition.Evaluate(scope, substitute: false);
            }
            catch (JsTypeErrorException e)
            {
                throw binder.Failure(path + ".$when", $"'${{{condition}}}' failed: {e.Message}", e);
            }

            if (result.Broken)
            {
                throw binder.Failure(path + ".$when", $"'${{{condition}}}' produced no result (an index or element access on a value that failed)");
            }

            return result.Error is null && result.Value is true;
        }
    }

    // A value binding: in the reference, any failure of a whole-string binding fails the card.
    private static object? Evaluate(TemplateExpression expression, TemplateScope scope, bool substitute, Binding binder, string path)
    {
        EvalResult result;
        try
        {
            result = expression.Evaluate(scope, substitute);
        }
        catch (JsTypeErrorException e)
        {
            throw binder.Failure(path, $"'${{{expression}}}' failed: {e.Message}", e);
        }

        if (result.Broken)
        {
            throw binder.Failure(path, $"'${{{expression}}}' produced no result (an index or element access on a value that failed)");
        }

        if (result.Error is not null)
        {
            throw binder.Failure(path, $"'${{{expression}}}' failed: {result.Error}");
        }

        return result.Value;
    }
}
