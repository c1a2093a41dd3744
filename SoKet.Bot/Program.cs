using SoKet.Bot.Campaigns;
using SoKet.Bot.Demo;
using SoKet.Bot.Cards;
using SoKet.Bot.Channels.BotConnector;
using SoKet.Bot.Channels.Files;
using SoKet.Bot.Channels.WebChat;
using SoKet.Bot.CompiledModels;
using SoKet.Bot.Conversations;
using SoKet.Bot.Data;
using SoKet.Bot.Drafting;
using SoKet.Bot.Drafting.Editor;
using SoKet.Bot.Drafting.Import;
using SoKet.Bot.Export;
using SoKet.Bot.Health;
using SoKet.Bot.Help;
using SoKet.Bot.Hosting;
using SoKet.Bot.Identity;
using SoKet.Bot.People;
using SoKet.Bot.Protocol.Auth;
using SoKet.Bot.Protocol.Connector;
using SoKet.Bot.Reminders;
using SoKet.Bot.Reports;
using SoKet.Bot.Retention;
using SoKet.Bot.Security;
using SoKet.Bot.Telemetry;
using SoKet.Bot.Tracking;
using SoKet.Bot.Turns;
using SoKet.Bot.Turns.Routing;

if (SoKet.Bot.Cli.CommandLine.IsCommand(args)) return await SoKet.Bot.Cli.CommandLine.RunAsync(args);

var builder = WebApplication.CreateBuilder(DemoServiceCollectionExtensions.WithoutDemoFlag(args));
builder.Configuration.AddDemoFlag(args);

// What guards every request: security headers, rate limits, host names.
builder.Services.AddSecurity(builder.Configuration);

// The protocol, the store and the turn pipeline.
builder.Services.AddStore(builder.Configuration);
builder.Services.AddCompiledStoreModels();
builder.Services.AddBotAuthentication(builder.Configuration);
builder.Services.AddConnector(builder.Configuration);
builder.Services.AddConversations();
builder.Services.AddTurns();
builder.Services.AddCards();

// The channels: Teams through the Bot Connector, the built-in web chat, files in and out.
builder.Services.AddBotConnectorChannel(builder.Configuration);
builder.Services.AddWebChat(builder.Configuration);
builder.Services.AddChannelFiles(builder.Configuration);
builder.Services.AddRetention(builder.Configuration);

// The features, each adding its services and its entries of the routing table.
builder.Services.AddPeople(builder.Configuration);
builder.Services.AddSignIn(builder.Configuration);
builder.Services.AddCampaigns();
builder.Services.AddReports();
builder.Services.AddHelp();
builder.Services.AddDrafting(builder.Configuration);
builder.Services.AddSectionEditor(builder.Configuration);
builder.Services.AddDraftImport();
builder.Services.AddTracking();
builder.Services.AddReminders(builder.Configuration);
builder.Services.AddExport();
builder.Services.AddDemo(builder.Configuration);
builder.Services.AddHealth(builder.Configuration);
builder.Services.AddTelemetry(builder.Configuration);
builder.Services.AddStartupMemoryRelease(builder.Configuration);

var app = builder.Build();
app.CheckCardRoutes();

app.UseSecurity();
app.UseLocalModeGuard();
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseCors();
app.UseSignIn();
app.MapHealth();
app.MapTelemetry();
app.MapBotMessages();
app.MapWebChat();
app.MapSectionEditor();
app.MapSignIn();

await app.MigrateStoreAsync();
await app.SeedDemoAsync();
await app.RunAsync();
return 0;

public partial class Program;
