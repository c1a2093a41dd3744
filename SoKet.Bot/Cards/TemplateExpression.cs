using System.Text;
using System.Text.Json.Nodes;
using static SoKet.Bot.Cards.JsSemantics;

namespace SoKet.Bot.Cards;

/// <summary>The data an expression sees: <c>$root</c>, the current <c>$data</c> and <c>$index</c>.</summary>
internal readonly record struct TemplateScope(object? Root, object? Data, object? Index)
{
    /// <summary><c>$data</c> falls back to <c>$root</c> until a <c>$data</c> binding sets it.</summary>
    public object? CurrentData => Data is JsUndefined ? Root : Data;
}

/// <summary>
/// The outcome of evaluating an expression, with adaptive-expressions' three ways to end: a value, an
/// error reported to the caller, or no result at all (<see cref="Broken"/>). The last one is how the
/// reference engine's element access (<c>x[i]</c>) behaves when its operand fails: it returns nothing,
/// and whoever reads the result fails with a TypeError.
/// </summary>
internal readonly record struct EvalResult(object? Value, string? Error, bool Broken)
{
    public static EvalResult Of(object? value) => new(value, null, false);

    // A failed evaluation still carries a value, which || passes on as its result: undefined for most
    // functions, false for a comparison.
    public static EvalResult Fail(string error, object? value = null) => new(value ?? JsUndefined.Value, error, false);

    public static readonly EvalResult NoResult = new(null, null, true);
}

/// <summary>A TypeError in the reference engine: reading the result of an evaluation that returned nothing.</summary>
internal sealed class JsTypeErrorException(string message) : Exception(message);

/// <summary>Static result types, checked at parse time the way adaptive-expressions validates arguments.</summary>
[Flags]
internal enum ReturnType
{
    Boolean = 1,
    Number = 2,
    Object = 4,
    String = 8,
    Array = 16,
}

internal abstract class TemplateExpression
{
    public abstract ReturnType ReturnType { get; }

    /// <param name="substitute">
    /// Whether a missing property evaluates to the text of its own binding (<c>"${path}"</c>), as the
    /// reference engine does for values; conditions and operator operands see plain undefined.
    /// </param>
    public abstract EvalResult Evaluate(TemplateScope scope, bool substitute);

    /// <summary>The expression as adaptive-expressions prints it; unresolved bindings show this text.</summary>
    public abstract override string ToString();

    /// <summary>Evaluates an operand; an operand that returned nothing is a TypeError for its reader.</summary>
    protected static EvalResult Operand(TemplateExpression expression, TemplateScope scope, bool substitute)
    {
        var result = expression.Evaluate(scope, substitute);
        if (result.Broken)
        {
            throw new JsTypeErrorException($"Cannot read the result of '{expression}'.");
        }

        return result;
    }
}

internal sealed class ConstantExpression(object? value) : TemplateExpression
{
    public object? Value { get; } = value;

    public override ReturnType ReturnType => Value switch
    {
        string => ReturnType.String,
        double => ReturnType.Number,
        bool => ReturnType.Boolean,
        _ => ReturnType.Object,
    };

    public override EvalResult Evaluate(TemplateScope scope, bool substitute) => EvalResult.Of(Value);

    public override string ToString()
    {
        if (Value is not string text)
        {
            return ToJsString(Value);
        }

        // Backslashes doubled, then every quote not already preceded by a backslash escaped.
        var doubled = text.Replace("\\", "\\\\", StringComparison.Ordinal);
        var builder = new StringBuilder("'");
        for (var i = 0; i < doubled.Length; i++)
        {
            if (doubled[i] == '\'' && (i == 0 || doubled[i - 1] != '\\'))
            {
                builder.Append('\\');
            }

            builder.Append(doubled[i]);
        }

        return builder.Append('\'').ToString();
    }
}

/// <summary>
/// A property path (<c>unit.name</c>, <c>items[0].x</c>, <c>$root.title</c>). Like the reference engine it is
/// resolved as one path string against the data: any missing step makes the whole path undefined.
/// </summary>
internal sealed class AccessorExpression(string property, TemplateExpression? instance) : TemplateExpression
{
    public string Property { get; } = property;

    /// <summary>Another <see cref="AccessorExpression"/> or an <see cref="ElementExpression"/>; null for the first name.</summary>
    public TemplateExpression? Instance { get; } = instance;

    public override ReturnType ReturnType => ReturnType.Object;

    public override EvalResult Evaluate(TemplateScope scope, bool substitute)
    {
        var (path, error) = AccumulatePath(scope, substitute);
        if (error is not null)
        {
            return EvalResult.Fail(error);
        }

        var value = Lookup(scope, path);
        return EvalResult.Of(value is JsUndefined && substitute ? "${" + path + "}" : value);
    }

    private (string Path, string? Error) AccumulatePath(TemplateScope scope, bool substitute)
    {
        var path = "";
        TemplateExpression? current = this;
        while (current is not null)
        {
            switch (current)
            {
                case AccessorExpression accessor:
                    path = accessor.Property + "." + path;
                    current = accessor.Instance;
                    break;
                case ElementExpression element:
                    var index = Operand(element.Index, scope, substitute);
                    if (index.Error is not null)
                    {
                        return ("", index.Error);
                    }

                    var text = ToJsString(index.Value);
                    if (!double.IsNaN(ParseInt(text)))
                    {
                        path = "[" + text + "]." + path;
                    }
                    else if (index.Value is string key)
                    {
                        path = "['" + key + "']." + path;
                    }
                    else
                    {
                        return ("", $"{element.Index} doesn't return an int or string");
                    }

                    current = element.Instance;
                    break;
                default:
                    throw new InvalidOperationException("Paths are validated at parse time to start with a name.");
            }
        }

        path = path.TrimEnd('.').Replace(".[", "[", StringComparison.Ordinal);
        return (path, null);
    }

    // The reference engine's memory: names not starting with '$' are read from $data; the path is split
    // on '.', '[' and ']' and each step is an array index (when it parses as an integer and the value is
    // an array) or a case-insensitive property.
    private static object? Lookup(TemplateScope scope, string path)
    {
        if (path.Length > 0 && path[0] != '$')
        {
            path = "$data." + path;
        }

        var segments = path.Split(['.', '[', ']'], StringSplitOptions.RemoveEmptyEntries);
        object? current = RootValue(scope, Unquote(segments[0]));
        for (var i = 1; i < segments.Length; i++)
        {
            var segment = Unquote(segments[i]);
            var index = ParseInt(segment);
            if (!double.IsNaN(index) && current is JsonArray)
            {
                var (value, error) = AccessIndex(current, index);
                if (error is not null)
                {
                    return JsUndefined.Value;
                }

                current = value;
            }
            else
            {
                current = AccessProperty(current, segment);
            }
        }

        return current;
    }

    private static object? RootValue(TemplateScope scope, string name) => name.ToLowerInvariant() switch
    {
        "$root" => scope.Root,
        "$data" => scope.CurrentData,
        "$index" => scope.Index,
        _ => JsUndefined.Value,
    };

    private static string Unquote(string segment)
    {
        if ((segment.StartsWith('"') && segment.EndsWith('"')) || (segment.StartsWith('\'') && segment.EndsWith('\'')))
        {
            return segment.Length < 2 ? "" : segment[1..^1];
        }

        return segment;
    }

    public override string ToString() => Instance is null ? Property : Instance + "." + Property;
}

/// <summary><c>instance[index]</c> outside a property path: evaluated as an operation on the instance's value.</summary>
internal sealed class ElementExpression(TemplateExpression instance, TemplateExpression index) : TemplateExpression
{
    public TemplateExpression Instance { get; } = instance;

    public TemplateExpression Index { get; } = index;

    public override ReturnType ReturnType => ReturnType.Object;

    public override EvalResult Evaluate(TemplateScope scope, bool substitute)
    {
        var instance = Operand(Instance, scope, substitute);
        if (instance.Error is not null)
        {
            return EvalResult.NoResult;
        }

        var index = Operand(Index, scope, substitute: false);
        if (index.Error is not null)
        {
            return EvalResult.NoResult;
        }

        if (index.Value is double d && double.IsFinite(d) && Math.Floor(d) == d)
        {
            var (value, error) = AccessIndex(instance.Value, d);
            return error is null ? EvalResult.Of(value) : EvalResult.Fail(error);
        }

        if (index.Value is string key)
        {
            return EvalResult.Of(AccessProperty(instance.Value, key));
        }

        return EvalResult.Fail($"Could not coerce {Index} to an int or string.");
    }

    public override string ToString() => Instance + "[" + Index + "]";
}

internal enum Operator
{
    Not,
    And,
    Or,
    Equal,
    NotEqual,
    LessThan,
    LessThanOrEqual,
    GreaterThan,
    GreaterThanOrEqual,
    Add,
    Empty,
    Count,
    Length,
}

/// <summary>An operator or function call; both are functions in adaptive-expressions.</summary>
internal sealed class CallExpression : TemplateExpression
{
    public CallExpression(Operator op, IReadOnlyList<TemplateExpression> arguments)
    {
        Op = op;
        Arguments = arguments;
    }

    public Operator Op { get; }

    public IReadOnlyList<TemplateExpression> Arguments { get; }

    /// <summary>The engine's name for the function (aliases such as <c>equals</c> and <c>not</c> print as their operator).</summary>
    public string Name => Op switch
    {
        Operator.Not => "!",
        Operator.And => "&&",
        Operator.Or => "||",
        Operator.Equal => "==",
        Operator.NotEqual => "!=",
        Operator.LessThan => "<",
        Operator.LessThanOrEqual => "<=",
        Operator.GreaterThan => ">",
        Operator.GreaterThanOrEqual => ">=",
        Operator.Add => "+",
        Operator.Empty => "empty",
        Operator.Count => "count",
        Operator.Length => "length",
        _ => throw new InvalidOperationException(),
    };

    public override ReturnType ReturnType => Op switch
    {
        Operator.Add => ReturnType.String | ReturnType.Number,
        Operator.Count or Operator.Length => ReturnType.Number,
        _ => ReturnType.Boolean,
    };

    public override EvalResult Evaluate(TemplateScope scope, bool substitute) => Op switch
    {
        Operator.Not => Not(scope),
        Operator.And => And(scope),
        Operator.Or => Or(scope),
        Operator.Equal => Compare(scope, null, args => CommonEquals(args[0], args[1])),
        Operator.NotEqual => Compare(scope, null, args => !CommonEquals(args[0], args[1])),
        Operator.LessThan => Compare(scope, VerifyNotNull, args => Order(args) < 0),
        Operator.LessThanOrEqual => Compare(scope, VerifyNotNull, args => Order(args) <= 0),
        Operator.GreaterThan => Compare(scope, VerifyNotNull, args => Order(args) > 0),
        Operator.GreaterThanOrEqual => Compare(scope, VerifyNotNull, args => Order(args) >= 0),
        Operator.Empty => Compare(scope, VerifyContainerOrNull, args => IsEmpty(args[0])),
        Operator.Count => Count(scope, substitute),
        Operator.Length => Length(scope, substitute),
        Operator.Add => Add(scope, substitute),
        _ => throw new InvalidOperationException(),
    };

    // Logical operators read their operands without substitution and never report an error.
    private EvalResult Not(TemplateScope scope)
    {
        var operand = Operand(Arguments[0], scope, substitute: false);
        return EvalResult.Of(operand.Error is not null || !IsLogicTrue(operand.Value));
    }

    private EvalResult And(TemplateScope scope)
    {
        foreach (var argument in Arguments)
        {
            var operand = Operand(argument, scope, substitute: false);
            if (operand.Error is not null || !IsLogicTrue(operand.Value))
            {
                return EvalResult.Of(false);
            }
        }

        return EvalResult.Of(true);
    }

    // Quirk kept from the reference: when no operand is true, || yields the last operand's own value
    // (false, null or undefined), not false.
    private EvalResult Or(TemplateScope scope)
    {
        object? result = false;
        foreach (var argument in Arguments)
        {
            var operand = Operand(argument, scope, substitute: false);
            result = operand.Value;
            if (operand.Error is null && IsLogicTrue(operand.Value))
            {
                return EvalResult.Of(true);
            }
        }

        return EvalResult.Of(result);
    }

    // Comparisons read operands without substitution; an operand that fails (or fails verification)
    // makes the comparison false rather than an error. Only incomparable values are an error.
    private EvalResult Compare(TemplateScope scope, Func<object?, string?>? verify, Func<object?[], bool> compare)
    {
        var (args, error) = EvaluateArguments(scope, substitute: false, verify);
        if (error is not null)
        {
            return EvalResult.Of(false);
        }

        try
        {
            return EvalResult.Of(compare(args));
        }
        catch (IncomparableException e)
        {
            return EvalResult.Fail(e.Message, false);
        }
    }

    private EvalResult Count(TemplateScope scope, bool substitute)
    {
        var (args, error) = EvaluateArguments(scope, substitute, VerifyContainer);
        if (error is not null)
        {
            return EvalResult.Fail(error);
        }

        return args[0] switch
        {
            string s => EvalResult.Of((double)s.Length),
            JsonArray a => EvalResult.Of((double)a.Count),
            JsonObject o => EvalResult.Of((double)o.Count),
            _ => EvalResult.Fail("Cannot count null."),
        };
    }

    private EvalResult Length(TemplateScope scope, bool substitute)
    {
        var (args, error) = EvaluateArguments(scope, substitute, VerifyStringOrUndefined);
        if (error is not null)
        {
            return EvalResult.Fail(error);
        }

        return EvalResult.Of(args[0] is string s ? s.Length : 0d);
    }

    private EvalResult Add(TemplateScope scope, bool substitute)
    {
        var (args, error) = EvaluateArguments(scope, substitute, VerifyNumberOrStringOrUndefined);
        if (error is not null)
        {
            return EvalResult.Fail(error);
        }

        var sum = args[0];
        for (var i = 1; i < args.Length; i++)
        {
            var (a, b) = (sum, args[i]);
            if ((a is JsUndefined && IsNumber(b)) || (b is JsUndefined && IsNumber(a)))
            {
                return EvalResult.Fail("Operator '+' or add cannot be applied to operands of type 'number' and null object.");
            }

            if (a is double x && b is double y)
            {
                sum = x + y;
            }
            else
            {
                sum = (a is JsUndefined ? "" : ToJsString(a)) + (b is JsUndefined ? "" : ToJsString(b));
            }
        }

        return EvalResult.Of(sum);
    }

    private (object?[] Args, string? Error) EvaluateArguments(TemplateScope scope, bool substitute, Func<object?, string?>? verify)
    {
        var args = new object?[Arguments.Count];
        for (var i = 0; i < Arguments.Count; i++)
        {
            var operand = Operand(Arguments[i], scope, substitute);
            var error = operand.Error ?? verify?.Invoke(operand.Value);
            if (error is not null)
            {
                return (args, error);
            }

            args[i] = operand.Value;
        }

        return (args, null);
    }

    private static string? VerifyNotNull(object? value) =>
        IsNullish(value) ? $"{ToJsString(value)} is null." : null;

    // typeof null is "object" in JavaScript, so null passes these two checks.
    private static string? VerifyContainerOrNull(object? value) =>
        value is null or JsUndefined or string or JsonArray or JsonObject ? null : $"{ToJsString(value)} must be a string, list, map or object.";

    private static string? VerifyContainer(object? value) =>
        value is null or string or JsonArray or JsonObject ? null : $"{ToJsString(value)} must be a string, list, map or object.";

    private static string? VerifyStringOrUndefined(object? value) =>
        value is string or JsUndefined ? null : $"{ToJsString(value)} is neither a string nor a null object.";

    private static string? VerifyNumberOrStringOrUndefined(object? value) =>
        value is string or JsUndefined || IsNumber(value) ? null : $"{ToJsString(value)} is neither a number nor string";

    private static int Order(object?[] args) => (args[0], args[1]) switch
    {
        (double a, double b) when !double.IsNaN(a) && !double.IsNaN(b) => a.CompareTo(b),
        // JavaScript compares strings by UTF-16 code unit.
        (string a, string b) => Math.Sign(string.CompareOrdinal(a, b)),
        _ => throw new IncomparableException($"{ToJsString(args[0])} and {ToJsString(args[1])} must be comparable."),
    };

    private static bool IsEmpty(object? value) => value switch
    {
        null or JsUndefined => true,
        string s => s.Length == 0,
        JsonArray a => a.Count == 0,
        JsonObject o => o.Count == 0,
        _ => false,
    };

    public override string ToString()
    {
        var name = Name;
        var infix = !char.IsAsciiLetter(name[0]) && Arguments.Count >= 2;
        var separator = infix ? " " + name + " " : ", ";
        var inner = string.Join(separator, Arguments.Select(a => a.ToString()));
        return infix ? "(" + inner + ")" : name + "(" + inner + ")";
    }

    private sealed class IncomparableException(string message) : Exception(message);
}
