using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SoKet.Bot.Cards;

/// <summary>JavaScript's <c>undefined</c>: a missing property, distinct from JSON <c>null</c>.</summary>
internal sealed class JsUndefined
{
    public static readonly JsUndefined Value = new();

    private JsUndefined()
    {
    }

    public override string ToString() => "undefined";
}

/// <summary>
/// The JavaScript value semantics that Microsoft's templating engine (adaptivecards-templating on
/// adaptive-expressions, both JavaScript) applies to bound data. The binder reproduces them so that a
/// card renders the same here as in the reference engine.
/// </summary>
/// <remarks>
/// Values are <c>null</c> (JSON null), <see cref="JsUndefined"/>, <see cref="bool"/>, <see cref="double"/>
/// (every JSON number is a double in JavaScript), <see cref="string"/>, <see cref="JsonArray"/> or
/// <see cref="JsonObject"/>. Arrays and objects are the data's own nodes: they are only read, and cloned
/// when they end up in a card.
/// </remarks>
internal static class JsSemantics
{
    // Number.EPSILON, which adaptive-expressions uses to compare numbers; not double.Epsilon.
    private const double NumberEpsilon = 2.220446049250313e-16;

    public static bool IsNullish(object? value) => value is null or JsUndefined;

    public static object? FromNode(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonObject or JsonArray:
                return node;
        }

        var value = (JsonValue)node;
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                return value.TryGetValue(out string? text) ? text : JsonSerializer.Deserialize<string>(value.ToJsonString());
            case JsonValueKind.Number:
                // The JSON text, not the CLR type behind the node: a JsonValue built from an int or a
                // decimal does not convert to double through GetValue<double>.
                return double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            default:
                return null;
        }
    }

    /// <summary>A value as it goes into the card; <see cref="JsUndefined"/> must be handled by the caller.</summary>
    public static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        bool b => JsonValue.Create(b),
        // JSON.stringify writes NaN and infinities as null and -0 as 0.
        double d when !double.IsFinite(d) => null,
        double d => JsonValue.Create(d == 0 ? 0d : d),
        string s => JsonValue.Create(s),
        JsonNode n => n.DeepClone(),
        _ => throw new InvalidOperationException($"Unexpected template value {value.GetType()}."),
    };

    /// <summary>JavaScript's logical truth as adaptive-expressions defines it: only false, null and undefined are false.</summary>
    public static bool IsLogicTrue(object? value) => value switch
    {
        bool b => b,
        null or JsUndefined => false,
        _ => true,
    };

    /// <summary>JavaScript's falsiness (<c>!value</c>), used where the engine tests <c>if (!instance)</c>.</summary>
    public static bool IsFalsy(object? value) => value switch
    {
        null or JsUndefined => true,
        bool b => !b,
        double d => d == 0 || double.IsNaN(d),
        string s => s.Length == 0,
        _ => false,
    };

    public static bool IsNumber(object? value) => value is double d && !double.IsNaN(d);

    /// <summary>JavaScript's <c>String(value)</c>.</summary>
    public static string ToJsString(object? value) => value switch
    {
        JsUndefined => "undefined",
        null => "null",
        bool b => b ? "true" : "false",
        double d => FormatNumber(d),
        string s => s,
        JsonArray a => JoinArray(a),
        JsonObject => "[object Object]",
        _ => throw new InvalidOperationException($"Unexpected template value {value.GetType()}."),
    };

    // Array.prototype.join(","): null and undefined elements become empty strings.
    private static string JoinArray(JsonArray array)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < array.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            var element = FromNode(array[i]);
            if (!IsNullish(element))
            {
                builder.Append(ToJsString(element));
            }
        }

        return builder.ToString();
    }

    /// <summary>ECMAScript Number::toString(10): shortest round-trip digits, exponent outside [1e-7, 1e21).</summary>
    public static string FormatNumber(double number)
    {
        if (double.IsNaN(number))
        {
            return "NaN";
        }

        if (number == 0)
        {
            return "0";
        }

        if (double.IsInfinity(number))
        {
            return number > 0 ? "Infinity" : "-Infinity";
        }

        if (number < 0)
        {
            return "-" + FormatNumber(-number);
        }

        // .NET's "R" gives the shortest digits that round-trip, as ECMAScript requires; only the layout differs.
        var text = number.ToString("R", CultureInfo.InvariantCulture);
        var exponent = 0;
        var e = text.IndexOf('E', StringComparison.Ordinal);
        if (e >= 0)
        {
            exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var integerPart = dot < 0 ? text : text[..dot];
        var digits = dot < 0 ? text : integerPart + text[(dot + 1)..];
        var n = integerPart.Length + exponent;
        var leadingZeros = 0;
        while (leadingZeros < digits.Length - 1 && digits[leadingZeros] == '0')
        {
            leadingZeros++;
        }

        digits = digits[leadingZeros..].TrimEnd('0');
        n -= leadingZeros;
        var k = digits.Length;

        if (k <= n && n <= 21)
        {
            return digits + new string('0', n - k);
        }

        if (0 < n && n <= 21)
        {
            return digits[..n] + "." + digits[n..];
        }

        if (-6 < n && n <= 0)
        {
            return "0." + new string('0', -n) + digits;
        }

        var power = n - 1;
        var sign = power < 0 ? "-" : "+";
        var mantissa = k == 1 ? digits : digits[..1] + "." + digits[1..];
        return mantissa + "e" + sign + Math.Abs(power).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>JavaScript's <c>parseInt(text)</c>; NaN when the text does not start with an integer.</summary>
    public static double ParseInt(string text)
    {
        var i = 0;
        while (i < text.Length && IsJsWhiteSpace(text[i]))
        {
            i++;
        }

        var sign = 1d;
        if (i < text.Length && (text[i] == '+' || text[i] == '-'))
        {
            sign = text[i] == '-' ? -1 : 1;
            i++;
        }

        var radix = 10;
        if (i + 1 < text.Length && text[i] == '0' && (text[i + 1] == 'x' || text[i + 1] == 'X'))
        {
            radix = 16;
            i += 2;
        }

        var value = 0d;
        var any = false;
        for (; i < text.Length; i++)
        {
            var digit = HexDigit(text[i]);
            if (digit < 0 || digit >= radix)
            {
                break;
            }

            value = (value * radix) + digit;
            any = true;
        }

        return any ? sign * value : double.NaN;
    }

    private static int HexDigit(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    /// <summary>The characters String.prototype.trim removes (WhiteSpace and LineTerminator).</summary>
    public static bool IsJsWhiteSpace(char c) => c switch
    {
        '\t' or '\n' or '\v' or '\f' or '\r' or ' ' or '\u00a0' or '\u1680' or '\u2028' or '\u2029'
            or '\u202f' or '\u205f' or '\u3000' or '\ufeff' => true,
        >= '\u2000' and <= '\u200a' => true,
        _ => false,
    };

    public static string JsTrim(string text)
    {
        var start = 0;
        var end = text.Length;
        while (start < end && IsJsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && IsJsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return text[start..end];
    }

    /// <summary>
    /// Property lookup as adaptive-expressions does it: nothing on a falsy instance, otherwise the first
    /// own key that matches case-insensitively (arrays and strings have their indices as keys).
    /// </summary>
    public static object? AccessProperty(object? instance, string property)
    {
        if (IsFalsy(instance))
        {
            return JsUndefined.Value;
        }

        switch (instance)
        {
            case JsonObject obj:
                var wanted = property.ToLowerInvariant();
                // Keys are compared lower-cased, as before, but without a string per key: binding a card reads
                // properties thousands of times per turn. Lower-casing keeps a string's length, so other lengths
                // cannot match.
                Span<char> lowered = stackalloc char[128];
                for (var k = 0; k < obj.Count; k++)
                {
                    var (key, value) = obj.GetAt(k);
                    if (key.Length != wanted.Length)
                    {
                        continue;
                    }

                    var buffer = key.Length <= lowered.Length ? lowered[..key.Length] : new char[key.Length];
                    key.AsSpan().ToLowerInvariant(buffer);
                    if (buffer.SequenceEqual(wanted))
                    {
                        return FromNode(value);
                    }
                }

                return JsUndefined.Value;
            case JsonArray array:
                return TryParseIndexKey(property, array.Count, out var i) ? FromNode(array[i]) : JsUndefined.Value;
            case string s:
                return TryParseIndexKey(property, s.Length, out var j) ? s[j].ToString() : JsUndefined.Value;
            default:
                return JsUndefined.Value;
        }
    }

    // Object.keys of an array or string are the canonical decimal indices ("0", "1", ..., no leading zeros).
    private static bool TryParseIndexKey(string key, int count, out int index)
    {
        index = -1;
        if (key.Length == 0 || key.Length > 10 || (key.Length > 1 && key[0] == '0') || !key.All(char.IsAsciiDigit))
        {
            return false;
        }

        var value = long.Parse(key, CultureInfo.InvariantCulture);
        if (value >= count)
        {
            return false;
        }

        index = (int)value;
        return true;
    }

    /// <summary>Index access: nothing on null or undefined, an error off the end or on a non-array.</summary>
    public static (object? Value, string? Error) AccessIndex(object? instance, double index)
    {
        if (IsNullish(instance))
        {
            return (JsUndefined.Value, null);
        }

        if (instance is not JsonArray array)
        {
            return (null, $"{ToJsString(instance)} is not a collection.");
        }

        if (index >= 0 && index < array.Count)
        {
            return (FromNode(array[(int)index]), null);
        }

        return (null, $"{FormatNumber(index)} is out of range for {ToJsString(array)}");
    }

    /// <summary>adaptive-expressions' equality (==, !=, equals).</summary>
    public static bool CommonEquals(object? a, object? b)
    {
        if (IsNullish(a) || IsNullish(b))
        {
            return IsNullish(a) && IsNullish(b);
        }

        if (a is JsonArray left && b is JsonArray right)
        {
            if (left.Count != right.Count)
            {
                return false;
            }

            for (var i = 0; i < left.Count; i++)
            {
                if (!CommonEquals(FromNode(left[i]), FromNode(right[i])))
                {
                    return false;
                }
            }

            return true;
        }

        if (a is JsonObject x && b is JsonObject y)
        {
            return x.Count == y.Count && DeepEqual(x, y);
        }

        if (a is double m && b is double n && Math.Abs(m - n) < NumberEpsilon)
        {
            return true;
        }

        return StrictEqual(a, b);
    }

    // lodash isEqual over JSON values: exact, property order ignored.
    private static bool DeepEqual(object? a, object? b)
    {
        switch (a, b)
        {
            case (JsonObject x, JsonObject y):
                if (x.Count != y.Count)
                {
                    return false;
                }

                foreach (var (key, value) in x)
                {
                    if (!y.TryGetPropertyValue(key, out var other) || !DeepEqual(FromNode(value), FromNode(other)))
                    {
                        return false;
                    }
                }

                return true;
            case (JsonArray x, JsonArray y):
                if (x.Count != y.Count)
                {
                    return false;
                }

                for (var i = 0; i < x.Count; i++)
                {
                    if (!DeepEqual(FromNode(x[i]), FromNode(y[i])))
                    {
                        return false;
                    }
                }

                return true;
            case (double m, double n):
                return m == n || (double.IsNaN(m) && double.IsNaN(n));
            default:
                return StrictEqual(a, b);
        }
    }

    // JavaScript's ===.
    private static bool StrictEqual(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (JsUndefined, JsUndefined) => true,
        (bool x, bool y) => x == y,
        (double x, double y) => x == y,
        (string x, string y) => string.Equals(x, y, StringComparison.Ordinal),
        (JsonNode x, JsonNode y) => ReferenceEquals(x, y),
        _ => false,
    };
}
