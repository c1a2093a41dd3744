using SoKet.Bot.Protocol;
using SoKet.Bot.Protocol.Connector;

namespace SoKet.Bot.Conversations;

public enum ProactiveOutcome { Sent, RecipientBlocked, NoConversation }

/// <summary>Messages a user or chat that did not just write to the bot (reminders, review requests).</summary>
public sealed class ProactiveMessenger(IOutboundSender outbound, ConversationReferenceStore references)
{
    public async Task<ProactiveOutcome> SendAsync(ConversationReference reference, Activity activity, CancellationToken cancellationToken)
    {
        var message = reference.CreateActivity();
        message.Type = activity.Type;
        message.Text = activity.Text;
        message.Attachments = activity.Attachments;
        message.Summary = activity.Summary;
        message.Entities = activity.Entities;
        message.ChannelData = activity.ChannelData;
        try
        {
            await outbound.SendAsync(message, cancellationToken);
            return ProactiveOutcome.Sent;
        }
        catch (ConnectorException ex) when (ex.IsRecipientBlocked)
        {
            await references.MarkUnreachableAsync(reference.ChannelId, reference.ConversationId, cancellationToken);
            return ProactiveOutcome.RecipientBlocked;
        }
    }
}
