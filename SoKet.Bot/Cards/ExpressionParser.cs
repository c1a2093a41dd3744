using System.Globalization;
using System.Text;

namespace SoKet.Bot.Cards;

/// <summary>A template string or expression outside SoKet's templating subset, or not valid at all.</summary>
internal sealed class TemplateSyntaxException(string message) : Exception(message);

/// <summary>
/// Parses SoKet's subset of the Adaptive Expressions language with its grammar's precedence (highest
/// first): prefix <c>!</c>; <c>+</c>; <c>== !=</c>; <c>&lt; &lt;= &gt; &gt;=</c>; <c>&amp;&amp;</c>; <c>||</c>.
/// Anything else the language has is rejected here, so a template cannot silently depend on it.
/// </summary>
internal sealed class ExpressionParser
{
    private const int UnaryPrecedence = 100;

    private static readonly Dictionary<string, (Operator Op, int MinArgs, int MaxArgs)> Functions = new(StringComparer.Ordinal)
    {
        ["equals"] = (Operator.Equal, 2, 2),
        ["not"] = (Operator.Not, 1, 1),
        ["and"] = (Operator.And, 1, int.MaxValue),
        ["or"] = (Operator.Or, 1, int.MaxValue),
        ["empty"] = (Operator.Empty, 1, 1),
        ["count"] = (Operator.Count, 1, 1),
        ["length"] = (Operator.Length, 1, 1),
    };

    private static readonly Dictionary<TokenKind, (Operator Op, int Precedence)> BinaryOperators = new()
    {
        [TokenKind.OrOr] = (Operator.Or, 1),
        [TokenKind.AndAnd] = (Operator.And, 2),
        [TokenKind.Less] = (Operator.LessThan, 3),
        [TokenKind.LessEqual] = (Operator.LessThanOrEqual, 3),
        [TokenKind.Greater] = (Operator.GreaterThan, 3),
        [TokenKind.GreaterEqual] = (Operator.GreaterThanOrEqual, 3),
        [TokenKind.EqualEqual] = (Operator.Equal, 5),
        [TokenKind.NotEqual] = (Operator.NotEqual, 5),
        [TokenKind.Plus] = (Operator.Add, 6),
    };

    private readonly List<Token> _tokens;
    private int _position;

    private ExpressionParser(List<Token> tokens) => _tokens = tokens;

    public static TemplateExpression Parse(string text)
    {
        var parser = new ExpressionParser(Tokenize(text));
        if (parser.Peek.Kind == TokenKind.End)
        {
            throw new TemplateSyntaxException("empty ${} binding");
        }

        var expression = parser.ParseExpression(0);
        if (parser.Peek.Kind != TokenKind.End)
        {
            throw new TemplateSyntaxException($"unexpected '{parser.Peek.Text}' in '{text}'");
        }

        return expression;
    }

    private Token Peek => _tokens[_position];

    private Token Next() => _tokens[_position++];

    private void Expect(TokenKind kind, string text)
    {
        if (Next().Kind != kind)
        {
            throw new TemplateSyntaxException($"expected '{text}'");
        }
    }

    private TemplateExpression ParseExpression(int minPrecedence)
    {
        TemplateExpression left;
        if (Peek.Kind == TokenKind.Bang)
        {
            Next();
            left = Call(Operator.Not, [ParseExpression(UnaryPrecedence)]);
        }
        else
        {
            left = ParsePostfix();
        }

        while (BinaryOperators.TryGetValue(Peek.Kind, out var binary) && binary.Precedence >= minPrecedence)
        {
            Next();
            var right = ParseExpression(binary.Precedence + 1);
            left = Call(binary.Op, [left, right]);
        }

        return left;
    }

    private TemplateExpression ParsePostfix()
    {
        var token = Next();
        TemplateExpression expression;
        var bareName = false;
        switch (token.Kind)
        {
            case TokenKind.Number:
                expression = new ConstantExpression(double.Parse(token.Text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture));
                break;
            case TokenKind.String:
                expression = new ConstantExpression(token.Value);
                break;
            case TokenKind.Identifier:
                expression = token.Text switch
                {
                    "true" => new ConstantExpression(true),
                    "false" => new ConstantExpression(false),
                    "null" => new ConstantExpression(null),
                    "undefined" => new ConstantExpression(JsUndefined.Value),
                    _ => new AccessorExpression(token.Text, null),
                };
                bareName = expression is AccessorExpression;
                break;
            case TokenKind.LeftParen:
                expression = ParseExpression(0);
                Expect(TokenKind.RightParen, ")");
                break;
            case TokenKind.End:
                throw new TemplateSyntaxException("the expression ends too early");
            default:
                throw new TemplateSyntaxException($"unexpected '{token.Text}'");
        }

        while (true)
        {
            switch (Peek.Kind)
            {
                case TokenKind.Dot:
                    Next();
                    var name = Next();
                    if (name.Kind != TokenKind.Identifier || !IsPlainName(name.Text, allowDollar: true))
                    {
                        throw new TemplateSyntaxException($"expected a property name after '.', found '{name.Text}'");
                    }

                    expression = new AccessorExpression(name.Text, RequirePath(expression, "."));
                    break;
                case TokenKind.LeftBracket:
                    Next();
                    var index = ParseExpression(0);
                    Expect(TokenKind.RightBracket, "]");
                    expression = new ElementExpression(expression, index);
                    break;
                case TokenKind.LeftParen when bareName:
                    Next();
                    expression = ParseCall(((AccessorExpression)expression).Property);
                    break;
                case TokenKind.LeftParen:
                    throw new TemplateSyntaxException("only the functions equals, not, and, or, empty, count and length can be called");
                default:
                    ValidateNames(expression);
                    return expression;
            }

            bareName = false;
        }
    }

    private TemplateExpression ParseCall(string name)
    {
        if (!Functions.TryGetValue(name, out var function))
        {
            throw new TemplateSyntaxException(
                $"function '{name}' is not in SoKet's templating subset (equals, not, and, or, empty, count, length)");
        }

        var arguments = new List<TemplateExpression>();
        if (Peek.Kind != TokenKind.RightParen)
        {
            arguments.Add(ParseExpression(0));
            while (Peek.Kind == TokenKind.Comma)
            {
                Next();
                arguments.Add(ParseExpression(0));
            }
        }

        Expect(TokenKind.RightParen, ")");
        if (arguments.Count < function.MinArgs || arguments.Count > function.MaxArgs)
        {
            throw new TemplateSyntaxException($"wrong number of arguments to {name}()");
        }

        return Call(function.Op, arguments);
    }

    // The argument type checks adaptive-expressions makes when it builds the expression.
    private static CallExpression Call(Operator op, List<TemplateExpression> arguments)
    {
        var accepted = op switch
        {
            Operator.Add => ReturnType.Number | ReturnType.String,
            Operator.Count => ReturnType.String | ReturnType.Array,
            Operator.Length => ReturnType.String,
            _ => (ReturnType)0,
        };

        if (accepted != 0)
        {
            foreach (var argument in arguments)
            {
                if ((argument.ReturnType & (accepted | ReturnType.Object)) == 0)
                {
                    throw new TemplateSyntaxException($"'{argument}' has the wrong type for '{new CallExpression(op, arguments)}'");
                }
            }
        }

        return new CallExpression(op, arguments);
    }

    // '.name' is only supported on a path; on other values the reference engine switches to a different
    // lookup that SoKet does not need.
    private static TemplateExpression RequirePath(TemplateExpression expression, string what)
    {
        var current = expression;
        while (true)
        {
            switch (current)
            {
                case AccessorExpression { Instance: null }:
                    return expression;
                case AccessorExpression accessor:
                    current = accessor.Instance;
                    break;
                case ElementExpression element:
                    current = element.Instance;
                    break;
                default:
                    throw new TemplateSyntaxException($"'{what}' can only follow a property path, not '{expression}'");
            }
        }
    }

    private static void ValidateNames(TemplateExpression expression)
    {
        var current = expression;
        while (true)
        {
            switch (current)
            {
                case AccessorExpression { Instance: null } root:
                    if (!IsPlainName(root.Property, allowDollar: false)
                        && root.Property.ToLowerInvariant() is not ("$root" or "$data" or "$index"))
                    {
                        throw new TemplateSyntaxException($"'{root.Property}' is not supported; names starting with '$' are $root, $data and $index");
                    }

                    return;
                case AccessorExpression accessor:
                    current = accessor.Instance;
                    break;
                case ElementExpression element:
                    current = element.Instance;
                    break;
                default:
                    return;
            }
        }
    }

    private static bool IsPlainName(string name, bool allowDollar) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_' || (allowDollar && name[0] == '$'));

    /// <summary>
    /// The index of the closing quote of the quoted string starting at <paramref name="start"/>, or -1.
    /// A backslash escapes the quote character and itself.
    /// </summary>
    public static int MatchQuoted(string text, int start)
    {
        var quote = text[start];
        for (var i = start + 1; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length && (text[i + 1] == quote || text[i + 1] == '\\'))
            {
                i++;
            }
            else if (text[i] == quote)
            {
                return i;
            }
        }

        return -1;
    }

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is ' ' or '\t' or '\ufeff' or '\u00a0' or '\n' || (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n'))
            {
                i++;
                continue;
            }

            if (char.IsAsciiDigit(c))
            {
                var start = i;
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    i++;
                }

                if (i + 1 < text.Length && text[i] == '.' && char.IsAsciiDigit(text[i + 1]))
                {
                    i++;
                    while (i < text.Length && char.IsAsciiDigit(text[i]))
                    {
                        i++;
                    }
                }

                tokens.Add(new Token(TokenKind.Number, text[start..i]));
                continue;
            }

            if (char.IsAsciiLetter(c) || c is '_' or '$' or '#' or '@' or '%')
            {
                var start = i;
                i += c == '@' && i + 1 < text.Length && text[i + 1] == '@' ? 2 : 1;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                var name = text[start..i];
                if (c is '#' or '@' or '%')
                {
                    throw new TemplateSyntaxException($"'{name}' is not supported");
                }

                tokens.Add(new Token(TokenKind.Identifier, name));
                continue;
            }

            if (c is '\'' or '"')
            {
                var close = MatchQuoted(text, i);
                if (close < 0)
                {
                    throw new TemplateSyntaxException($"unterminated string in '{text}'");
                }

                var raw = text[(i + 1)..close];
                raw = raw.Replace(c == '\'' ? "\\'" : "\\\"", c.ToString(), StringComparison.Ordinal);
                tokens.Add(new Token(TokenKind.String, text[i..(close + 1)], Unescape(raw)));
                i = close + 1;
                continue;
            }

            var two = i + 1 < text.Length ? text.Substring(i, 2) : "";
            var (kind, length) = two switch
            {
                "==" => (TokenKind.EqualEqual, 2),
                "!=" => (TokenKind.NotEqual, 2),
                "<=" => (TokenKind.LessEqual, 2),
                ">=" => (TokenKind.GreaterEqual, 2),
                "&&" => (TokenKind.AndAnd, 2),
                "||" => (TokenKind.OrOr, 2),
                "<>" or "??" or "=>" => (TokenKind.Unsupported, 2),
                _ => c switch
                {
                    '!' => (TokenKind.Bang, 1),
                    '<' => (TokenKind.Less, 1),
                    '>' => (TokenKind.Greater, 1),
                    '+' => (TokenKind.Plus, 1),
                    '(' => (TokenKind.LeftParen, 1),
                    ')' => (TokenKind.RightParen, 1),
                    '[' => (TokenKind.LeftBracket, 1),
                    ']' => (TokenKind.RightBracket, 1),
                    '.' => (TokenKind.Dot, 1),
                    ',' => (TokenKind.Comma, 1),
                    '-' or '*' or '/' or '^' or '&' or '?' or ':' or '{' or '}' => (TokenKind.Unsupported, 1),
                    _ => (TokenKind.Invalid, 1),
                },
            };

            var tokenText = text.Substring(i, length);
            if (kind == TokenKind.Unsupported)
            {
                throw new TemplateSyntaxException($"operator '{tokenText}' is not in SoKet's templating subset");
            }

            if (kind == TokenKind.Invalid)
            {
                throw new TemplateSyntaxException($"unexpected character '{tokenText}' in '{text}'");
            }

            tokens.Add(new Token(kind, tokenText));
            i += length;
        }

        tokens.Add(new Token(TokenKind.End, "end of expression"));
        return tokens;
    }

    // adaptive-expressions' escapes in string literals: \r \n \t \\; any other backslash pair is kept as written.
    private static string Unescape(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] is not ('\r' or '\n'))
            {
                var next = text[i + 1];
                builder.Append(next switch
                {
                    'r' => "\r",
                    'n' => "\n",
                    't' => "\t",
                    '\\' => "\\",
                    _ => "\\" + next,
                });
                i++;
            }
            else
            {
                builder.Append(text[i]);
            }
        }

        return builder.ToString();
    }

    private enum TokenKind
    {
        Number,
        String,
        Identifier,
        Bang,
        EqualEqual,
        NotEqual,
        Less,
        LessEqual,
        Greater,
        GreaterEqual,
        AndAnd,
        OrOr,
        Plus,
        LeftParen,
        RightParen,
        LeftBracket,
        RightBracket,
        Dot,
        Comma,
        Unsupported,
        Invalid,
        End,
    }

    private readonly record struct Token(TokenKind Kind, string Text, string? Value = null);
}
