using System.Reflection;
using Google.Protobuf.Reflection;
using D = Exchange.Domain;
using V1 = Exchange.V1;

namespace Exchange.Contract.Tests;

/// <summary>
/// The gateway casts between the domain's enums and the contract's by number, and the hub writes
/// reasons, warning codes and event kinds as the proto's names: every domain value must have the
/// proto value of the same name and number, and every proto value its domain value.
/// </summary>
public sealed class EnumParityTests
{
    public static TheoryData<Type, Type> Pairs => new()
    {
        { typeof(D.ApplicationType), typeof(V1.ApplicationType) },
        { typeof(D.ApplicationStatus), typeof(V1.ApplicationStatus) },
        { typeof(D.MediationOrganizationType), typeof(V1.MediationOrganizationType) },
        { typeof(D.CourtRelation), typeof(V1.CourtRelation) },
        { typeof(D.DisputeType), typeof(V1.DisputeType) },
        { typeof(D.IdentityDocumentType), typeof(V1.IdentityDocumentType) },
        { typeof(D.PartySide), typeof(V1.PartySide) },
        { typeof(D.AttachmentKind), typeof(V1.AttachmentKind) },
        { typeof(D.ActorKind), typeof(V1.Actor.Types.Kind) },
        { typeof(D.DeadlineKind), typeof(V1.DeadlineKind) },
        { typeof(D.DeadlineState), typeof(V1.DeadlineState) },
        { typeof(D.NonAcceptanceGround), typeof(V1.NonAcceptanceGround) },
        { typeof(D.RejectionGround), typeof(V1.RejectionGround) },
        { typeof(D.DocumentRefusalGround), typeof(V1.DocumentRefusalGround) },
        { typeof(D.HistoryEventKind), typeof(V1.HistoryEvent.Types.EventKind) },
        { typeof(D.ErrorReason), typeof(V1.ErrorReason) },
        { typeof(D.WarningCode), typeof(V1.WarningCode) },
        { typeof(D.CourtLevel), typeof(V1.CourtLevel) },
        { typeof(D.DocumentKind), typeof(V1.DocumentKind) },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void EveryDomainValue_HasTheProtoValueOfItsNameAndNumber_AndBack(Type domain, Type proto)
    {
        var domainValues = Values(domain);
        var protoValues = Values(proto);

        Assert.Equal(domainValues, protoValues);
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void TheNameTheHubWrites_IsTheProtoName(Type domain, Type proto)
    {
        // ProtoNames.Of is how the hub spells a value on the wire (reasons, codes, event kinds, grounds).
        var of = typeof(D.ProtoNames).GetMethod(nameof(D.ProtoNames.Of))!.MakeGenericMethod(domain);
        var protoNames = proto.GetFields(BindingFlags.Public | BindingFlags.Static)
            .ToDictionary(f => Convert.ToInt32(f.GetValue(null), System.Globalization.CultureInfo.InvariantCulture), f => f.GetCustomAttribute<OriginalNameAttribute>()!.Name);

        foreach (var value in Enum.GetValues(domain))
        {
            var number = Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
            if (number == 0)
            {
                continue; // UNSPECIFIED is spelt with the enum's prefix in the proto and never written.
            }

            Assert.Equal(protoNames[number], (string)of.Invoke(null, [value])!);
        }
    }

    [Fact]
    public void CaseNumbering_NumbersMatch()
    {
        Assert.Equal((int)Exchange.Domain.CaseNumbering.Hub, (int)V1.CaseNumbering.Hub);
        Assert.Equal((int)Exchange.Domain.CaseNumbering.Court, (int)V1.CaseNumbering.Court);
        Assert.Equal(Enum.GetValues<Exchange.Domain.CaseNumbering>().Length, Enum.GetValues<V1.CaseNumbering>().Length);
    }

    [Fact]
    public void EveryEnumOfTheContract_IsPairedHere()
    {
        var paired = Pairs.Select(p => (Type)p[1]).ToHashSet();
        var contract = typeof(V1.Application).Assembly.GetTypes()
            .Where(t => t.IsEnum && t.Namespace == "Exchange.V1" && t.GetCustomAttribute<OriginalNameAttribute>() is null)
            .Where(t => t.GetFields(BindingFlags.Public | BindingFlags.Static).All(f => f.GetCustomAttribute<OriginalNameAttribute>() is not null))
            .ToList();

        // Generated enums whose values carry proto names. Not the domain's: BatchRuling (the gateway
        // maps it to acts) and PrincipalKind (the admin service maps it to the credential store's, case by case);
        // PlatformNotice.Kind (a feed notice stores its proto name, UpdateMapper looks it up),
        // CallbackEndpoint.State (the callback methods map the store's state, case by case) and
        // OfficerRole (mapped case by case too; the domain's has no UNSPECIFIED). CaseNumbering: its
        // proto values carry the enum's prefix (COURT is PrincipalKind's at package scope), so the
        // names differ from the domain's HUB / COURT; the numbers are paired in CaseNumbering_NumbersMatch.
        var notDomain = new HashSet<Type>
        {
            typeof(V1.BatchRuling), typeof(V1.PrincipalKind), typeof(V1.PlatformNotice.Types.Kind), typeof(V1.CallbackEndpoint.Types.State), typeof(V1.OfficerRole),
            typeof(V1.CaseNumbering),
        };
        Assert.Empty(contract.Where(t => !paired.Contains(t) && !notDomain.Contains(t)).Select(t => t.FullName));
    }

    private static List<(string Name, int Number)> Values(Type enumType) =>
        [.. Enum.GetValues(enumType).Cast<object>()
            .Select(v => (Enum.GetName(enumType, v)!, Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture)))
            .OrderBy(v => v.Item2)];
}
