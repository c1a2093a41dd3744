using System.Text;
using static SoKet.Bot.Cards.JsSemantics;

namespace SoKet.Bot.Cards;

/// <summary>
/// A string from a card template, split the way adaptive-expressions' string interpolation lexes it
/// (the whole string is parsed as a JavaScript-like template literal): literal text and
/// <c>${expression}</c> bindings.
/// </summary>
internal sealed class InterpolatedString
{
    private InterpolatedString(IReadOnlyList<object> parts) => Parts = parts;

    /// <summary>Literal <see cref="string"/>s and <see cref="TemplateExpression"/>s, in order.</summary>
    public IReadOnlyList<object> Parts { get; }

    /// <summary>
    /// The whole string is one binding of a non-constant expression: its value keeps its JSON type.
    /// Anything else, including <c>"${'text'}"</c> or <c>"${1}"</c>, produces a string.
    /// </summary>
    public TemplateExpression? Single =>
        Parts.Count == 1 && Parts[0] is TemplateExpression expression and not ConstantExpression ? expression : null;

    /// <summary>Null when the string binds nothing (no <c>${</c>) and is used as it is.</summary>
    public static InterpolatedString? Parse(string text)
    {
        if (!text.Contains("${", StringComparison.Ordinal))
        {
            return null;
        }

        var parts = new List<object>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '`')
            {
                // The reference wraps the string in backticks, so a bare one ends it and the rest is a syntax error.
                throw new TemplateSyntaxException("a backtick (`) in a string that contains ${...} must be escaped as \\`");
            }

            if (c == '\\' && i + 1 < text.Length && (text[i + 1] == '`' || text[i + 1] == '$'))
            {
                literal.Append(text[i + 1]);
                i += 2;
                continue;
            }

            if (c == '$' && i + 1 < text.Length && text[i + 1] == '{' && TryMatchBinding(text, i, out var end))
            {
                if (literal.Length > 0)
                {
                    parts.Add(literal.ToString());
                    literal.Clear();
                }

                parts.Add(ExpressionParser.Parse(TrimBinding(text[i..(end + 1)])));
                i = end + 1;
                continue;
            }

            literal.Append(c);
            i++;
        }

        if (literal.Length > 0)
        {
            parts.Add(literal.ToString());
        }

        return new InterpolatedString(parts);
    }

    // A binding is '${', then one or more of: a quoted string, or any character but CR, LF, braces,
    // quotes and backtick; then '}'. When that does not match, the '$' is plain text.
    private static bool TryMatchBinding(string text, int start, out int end)
    {
        end = -1;
        var count = 0;
        var j = start + 2;
        while (j < text.Length)
        {
            var c = text[j];
            switch (c)
            {
                case '}':
                    if (count == 0)
                    {
                        return false;
                    }

                    end = j;
                    return true;
                case '\'' or '"':
                    var close = ExpressionParser.MatchQuoted(text, j);
                    if (close < 0)
                    {
                        return false;
                    }

                    j = close + 1;
                    count++;
                    break;
                case '{':
                    throw new TemplateSyntaxException("object literals ({...}) are not supported inside ${...}");
                case '\r' or '\n' or '`':
                    return false;
                default:
                    j++;
                    count++;
                    break;
            }
        }

        return false;
    }

    private static string TrimBinding(string binding)
    {
        var result = JsTrim(binding);
        if (result.StartsWith('$'))
        {
            result = JsTrim(result[1..]);
        }

        if (result.StartsWith('{') && result.EndsWith('}'))
        {
            result = result[1..^1];
        }

        return JsTrim(result);
    }

    /// <summary>
    /// Builds the string value. A binding that fails shows as <c>${expression}</c>; null or undefined in a
    /// string is a failure of the whole card, as in the reference (it calls toString on them).
    /// </summary>
    public string Concatenate(TemplateScope scope, Func<string, Exception> fail)
    {
        var builder = new StringBuilder();
        foreach (var part in Parts)
        {
            if (part is string literal)
            {
                builder.Append(literal);
                continue;
            }

            var expression = (TemplateExpression)part;
            EvalResult result;
            try
            {
                result = expression.Evaluate(scope, substitute: true);
            }
            catch (JsTypeErrorException e)
            {
                result = EvalResult.Fail(e.Message);
            }

            if (result.Broken)
            {
                throw fail($"'${{{expression}}}' produced no result (an index or element access on a value that failed)");
            }

            if (result.Error is not null)
            {
                builder.Append("${").Append(expression).Append('}');
            }
            else if (IsNullish(result.Value))
            {
                throw fail($"'${{{expression}}}' is {ToJsString(result.Value)} inside a string; the reference engine fails on it too");
            }
            else
            {
                builder.Append(ToJsString(result.Value));
            }
        }

        return builder.ToString();
    }
}
