using SoKet.Bot.Assistant;
using SoKet.Bot.Cards;
using SoKet.Bot.Channels.Attachments;
using SoKet.Bot.Channels.BotConnector;
using SoKet.Bot.Channels.WebChat;
using SoKet.Bot.Data;
using SoKet.Bot.Health;
using SoKet.Bot.People;
using SoKet.Bot.Protocol.Auth;
using SoKet.Bot.Protocol.Connector;
using SoKet.Bot.Reminders;
using SoKet.Bot.Turns;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddStore(builder.Configuration);
builder.Services.AddBotAuthentication(builder.Configuration);
builder.Services.AddConnector(builder.Configuration);
builder.Services.AddTurns(builder.Configuration);
builder.Services.AddWebChat(builder.Configuration);
builder.Services.AddAttachments();
builder.Services.AddCards();
builder.Services.AddPeople(builder.Configuration);
builder.Services.AddAssistant();
builder.Services.AddReminders(builder.Configuration);
builder.Services.AddHealth();

var app = builder.Build();

app.UseDefaultFiles();
app.UseStaticFiles();
app.UseCors();
app.MapHealth();
app.MapBotMessages();
app.MapWebChat();

await app.MigrateStoreAsync();
await app.RunAsync();

public partial class Program;
