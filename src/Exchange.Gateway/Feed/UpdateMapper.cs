using Exchange.Storage.Feed;
using Exchange.V1;
using Google.Protobuf.WellKnownTypes;
using D = Exchange.Domain;
using V1 = Exchange.V1;

namespace Exchange.Gateway.Feed;

/// <summary>Feed entries as the contract's Update (updates.proto), the same for a stream, a page and a callback.</summary>
public static class UpdateMapper
{
    public static Update ToUpdate(FeedEntry entry, FeedRecipient recipient, FeedTokenCodec tokens)
    {
        var update = new Update
        {
            EventId = entry.EventId,
            OccurTime = Timestamp.FromDateTimeOffset(entry.OccurredAt),
            ResumeToken = tokens.Encode(recipient, entry.Position),
        };
        if (entry.Notice is { } notice)
        {
            update.Notice = new PlatformNotice
            {
                // The stored kind is the proto name ("CALLBACKS_PAUSED"), which Enum.TryParse of the C# name does not read.
                Kind = (PlatformNotice.Types.Kind)(PlatformNotice.Descriptor.EnumTypes[0].FindValueByName(notice.Kind)?.Number ?? 0),
                EndpointUrl = notice.EndpointUrl,
                Message = notice.Message,
            };
            update.Actor = new V1.Actor { Kind = V1.Actor.Types.Kind.Hub, Id = entry.ActorId };
            return update;
        }

        update.ApplicationId = entry.ApplicationId!.Value.ToString();
        update.Version = entry.Version;
        update.Kind = (HistoryEvent.Types.EventKind)D.ProtoNames.Parse<D.HistoryEventKind>(entry.Kind);
        update.ApplicationType = (ApplicationType)entry.ApplicationType!.Value;
        update.StatusAfter = (ApplicationStatus)entry.StatusAfter!.Value;
        update.Actor = new V1.Actor { Kind = (V1.Actor.Types.Kind)entry.ActorKind, Id = entry.ActorId, Name = entry.ActorName ?? "" };
        update.Reason = entry.Reason ?? "";
        update.CaseNumber = entry.CaseNumber ?? "";
        update.PlatformCaseId = entry.PlatformCaseId ?? "";
        update.CourtCode = entry.CourtCode ?? "";
        update.EventSha256 = entry.EventSha256;
        foreach (var (key, value) in entry.Details)
        {
            update.Details[key] = value;
        }

        return update;
    }
}
