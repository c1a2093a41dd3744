using Microsoft.Extensions.DependencyInjection.Extensions;
using SoKet.Bot.Dialogs.Prompts;

namespace SoKet.Bot.Dialogs;

public static class DialogServiceCollectionExtensions
{
    /// <summary>The dialog engine, its built-in prompts and the "hủy" interrupt.</summary>
    public static IServiceCollection AddDialogs(this IServiceCollection services)
    {
        services.TryAddScoped<DialogRegistry>();
        services.TryAddScoped<DialogRunner>();
        services.AddDialog<TextPrompt>()
            .AddDialog<NumberPrompt>()
            .AddDialog<DatePrompt>()
            .AddDialog<ChoicePrompt>()
            .AddDialog<CardPrompt>()
            .AddDialogInterrupt<CancelDialogsInterrupt>();
        return services;
    }

    /// <summary>A dialog commands can start and other dialogs can begin; scoped, so it may use the DbContext.</summary>
    public static IServiceCollection AddDialog<TDialog>(this IServiceCollection services) where TDialog : class, IDialog
    {
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IDialog, TDialog>());
        return services;
    }

    /// <summary>An interrupt checked, after those registered before it, on short typed messages mid-dialog.</summary>
    public static IServiceCollection AddDialogInterrupt<TInterrupt>(this IServiceCollection services) where TInterrupt : class, IDialogInterrupt
    {
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IDialogInterrupt, TInterrupt>());
        return services;
    }

    /// <summary>
    /// Lets the registered <see cref="Assistant.IBotCommand"/> named <paramref name="commandName"/>
    /// answer mid-dialog (e.g. "help": the help card, then the dialog asks its question again).
    /// </summary>
    public static IServiceCollection AddCommandInterrupt(this IServiceCollection services, string commandName, InterruptMode mode = InterruptMode.ResumeDialog)
    {
        services.AddScoped<IDialogInterrupt>(sp => new CommandInterrupt(sp.GetServices<Assistant.IBotCommand>(), commandName, mode));
        return services;
    }
}
