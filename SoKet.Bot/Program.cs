using SoKet.Bot.Assistant;
using SoKet.Bot.Campaigns.Demo;
using SoKet.Bot.Cards;
using SoKet.Bot.Channels.Attachments;
using SoKet.Bot.Channels.BotConnector;
using SoKet.Bot.Channels.Files;
using SoKet.Bot.Channels.WebChat;
using SoKet.Bot.Data;
using SoKet.Bot.Drafting;
using SoKet.Bot.Health;
using SoKet.Bot.People;
using SoKet.Bot.Protocol.Auth;
using SoKet.Bot.Protocol.Connector;
using SoKet.Bot.Reminders;
using SoKet.Bot.Turns;

if (SoKet.Bot.Cli.CommandLine.IsCommand(args)) return await SoKet.Bot.Cli.CommandLine.RunAsync(args);

var builder = WebApplication.CreateBuilder(DemoServiceCollectionExtensions.WithoutDemoFlag(args));
builder.Configuration.AddDemoFlag(args);

builder.Services.AddStore(builder.Configuration);
builder.Services.AddBotAuthentication(builder.Configuration);
builder.Services.AddConnector(builder.Configuration);
builder.Services.AddTurns(builder.Configuration);
builder.Services.AddWebChat(builder.Configuration);
builder.Services.AddAttachments();
builder.Services.AddFileDelivery();
builder.Services.AddCards();
builder.Services.AddPeople(builder.Configuration);
builder.Services.AddDrafting(builder.Configuration);
builder.Services.AddAssistant();
builder.Services.AddReminders(builder.Configuration);
builder.Services.AddHealth();
builder.Services.AddDemo(builder.Configuration);

var app = builder.Build();

app.UseDefaultFiles();
app.UseStaticFiles();
app.UseCors();
app.MapHealth();
app.MapBotMessages();
app.MapWebChat();

await app.MigrateStoreAsync();
await app.SeedDemoAsync();
await app.RunAsync();
return 0;

public partial class Program;
