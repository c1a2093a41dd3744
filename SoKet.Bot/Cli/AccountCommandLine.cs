using System.CommandLine;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using SoKet.Bot.Audit;
using SoKet.Bot.Data;
using SoKet.Bot.Identity;
using SoKet.Bot.Identity.Accounts;
using SoKet.Bot.People;
using SoKet.Bot.Protocol.Auth;
using SoKet.Bot.Protocol.Connector;

namespace SoKet.Bot.Cli;

/// <summary>
/// `create-account EMAIL [--admin] [--name NAME]` and `reset-password EMAIL`: SoKet accounts (SignIn:Provider
/// LocalAccounts) from the command line, for the first admin of an office before anyone can sign in to the chat.
/// Prints the link the person sets their password with; works on the store the bot uses.
/// </summary>
internal static class AccountCommandLine
{
    public static Command CreateAccount()
    {
        var email = new Argument<string?>("EMAIL") { Arity = ArgumentArity.ZeroOrOne };
        var admin = new Option<bool>("--admin") { Description = "người này là quản trị viên (văn phòng cấp ủy)." };
        var name = new Option<string?>("--name") { HelpName = "NAME", Description = "họ và tên hiển thị." };
        var command = new Command("create-account", """
            Tạo tài khoản SoKet cho địa chỉ e-mail EMAIL (khi SignIn:Provider là LocalAccounts) và in đường dẫn để người
            dùng tự đặt mật khẩu; đường dẫn dùng một lần, có hạn (SignIn:LocalAccounts:LinkLifetime). Tài khoản đã có mà
            chưa đặt mật khẩu thì in đường dẫn mới. Dùng cơ sở dữ liệu như bot; đặt SignIn:PublicUrl để đường dẫn đúng địa chỉ.
            """)
        {
            email,
            admin,
            name,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, ct) => RunAsync(parse, parse.GetValue(email), reset: false, parse.GetValue(admin), parse.GetValue(name), ct));
        return command;
    }

    public static Command ResetPassword()
    {
        var email = new Argument<string?>("EMAIL") { Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("reset-password", """
            Đặt lại tài khoản SoKet của EMAIL: hủy mật khẩu, xác thực hai bước và mọi phiên đăng nhập, mở khóa, rồi in
            đường dẫn để người dùng đặt mật khẩu mới.
            """)
        {
            email,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, ct) => RunAsync(parse, parse.GetValue(email), reset: true, admin: false, name: null, ct));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, string? value, bool reset, bool admin, string? name, CancellationToken cancellationToken)
    {
        var (output, error) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
        var command = reset ? "reset-password" : "create-account";
        if (CliStore.Stray(parse.UnmatchedTokens) is { } stray)
            return CommandLine.Usage(error, $"Lệnh {command} không nhận thêm tham số “{stray}”.");
        if (PersonEmail.Normalize(value) is not { } email)
            return CommandLine.Usage(error, $"Lệnh {command} cần một địa chỉ e-mail hợp lệ, ví dụ: {command} vanphong@tinhuy.vn");

        await using var app = BuildHost(parse.UnmatchedTokens);
        await app.MigrateStoreAsync();
        if (app.Services.GetRequiredService<IOptions<SignInOptions>>().Value.Provider != SignInProvider.LocalAccounts)
        {
            error.WriteLine("SignIn:Provider chưa là LocalAccounts: tài khoản SoKet chỉ dùng được khi bật cấu hình này (ví dụ thêm --SignIn:Provider=LocalAccounts).");
            return CommandLine.Refused;
        }
        await using var scope = app.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        var link = reset ? await accounts.ResetAsync(email, cancellationToken) : await accounts.InviteAsync(email, name, cancellationToken);
        if (link.Url is null)
        {
            error.WriteLine(link.Problem);
            return CommandLine.Refused;
        }
        if (admin)
            (await scope.ServiceProvider.GetRequiredService<PeopleService>().FindOrCreateByEmailAsync(email, name, cancellationToken)).IsAdmin = true;
        var db = scope.ServiceProvider.GetRequiredService<SoKetDbContext>();
        db.Set<AuditEntry>().Add(new AuditEntry
        {
            AtUtc = DateTime.UtcNow, Actor = "command line", Action = reset ? "account.password-reset" : link.Created ? "account.created" : "account.invited",
            Details = admin ? email + " (admin)" : email,
        });
        await db.SaveChangesAsync(cancellationToken);
        output.WriteLine(reset ? $"Đã đặt lại tài khoản {email}." : link.Created ? $"Đã tạo tài khoản {email}{(admin ? " (quản trị viên)" : "")}." : $"Tài khoản {email} chưa đặt mật khẩu: đường dẫn mới.");
        output.WriteLine("Gửi riêng cho người dùng đường dẫn đặt mật khẩu:");
        output.WriteLine(link.Url);
        return CommandLine.Success;
    }

    /// <summary>The store, people and sign-in services as the bot has them; nothing is served.</summary>
    private static WebApplication BuildHost(IReadOnlyList<string> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [.. settings] });
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.AddFilter<ConsoleLoggerProvider>((_, level) => level >= LogLevel.Warning);
        builder.Services.AddStore(builder.Configuration);
        builder.Services.AddBotAuthentication(builder.Configuration);
        builder.Services.AddConnector(builder.Configuration);
        builder.Services.AddPeople(builder.Configuration);
        builder.Services.AddSignIn(builder.Configuration);
        return builder.Build();
    }
}
