using System.Text;

namespace Exchange.Domain.Tests.Chain;

/// <summary>The canonical content and hash of one history event, byte for byte as docs/ARCHITECTURE.md specifies.</summary>
public sealed class EventChainTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 10, 10, 0, 0, 123_456 / 1000, TimeSpan.FromHours(8));

    [Fact]
    public void Canonical_IsNetstringsInTheDocumentedOrder_DetailsByTheirKeysUtf8Bytes()
    {
        var canonical = EventChain.Canonical(
            "01A2479A-9592-7AAA-A6E2-5BBA0BA7789B", 2, At.AddTicks(4560), "ACCEPTED", "COURT", "新0102", null, "材料齐全", "ACCEPTED",
            new Dictionary<string, string> { ["z"] = "1", ["case_number"] = "（2026）新0102民特1号", ["Z"] = "" });

        Assert.Equal(
            "26:exchange.v1.HistoryEvent/1,36:01a2479a-9592-7aaa-a6e2-5bba0ba7789b,1:2,27:2026-03-10T02:00:00.123456Z,"
            + "8:ACCEPTED,5:COURT,7:新0102,0:,12:材料齐全,8:ACCEPTED,"
            + "1:Z,0:,11:case_number,27:（2026）新0102民特1号,1:z,1:1,",
            Encoding.UTF8.GetString(canonical));
    }

    [Fact]
    public void Hash_IsSha256OfThePredecessorThenTheContent_AndTheFirstPredecessorIsZeros()
    {
        var canonical = EventChain.Canonical("01a2479a-9592-7aaa-a6e2-5bba0ba7789b", 1, At, "SUBMITTED", "PLATFORM", "p", null, null, "RECEIVED", null);
        Assert.Equal(
            System.Security.Cryptography.SHA256.HashData([.. new byte[32], .. canonical]),
            EventChain.Hash(EventChain.Genesis, canonical));
        Assert.Equal(new string('0', 64), EventChain.GenesisHex);
        Assert.Throws<ArgumentException>(() => EventChain.Hash(new byte[31], canonical));
    }
}
