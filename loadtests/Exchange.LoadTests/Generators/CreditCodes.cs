using System.Globalization;

namespace Exchange.LoadTests.Generators;

/// <summary>
/// Random but valid unified social credit codes (GB 32100): registration authority and organisation
/// type, a division code, a 9-character organisation code with its own GB 11714 check character,
/// and the GB 32100 check character. Every code passes the hub's checksum, so receipts carry no
/// warning and the load measures the ordinary path.
/// </summary>
public static class CreditCodes
{
    // GB 11714 weights of the organisation code's eight body characters.
    private static readonly int[] OrganizationWeights = [3, 7, 9, 10, 5, 8, 4, 2];

    /// <summary>A code for an enterprise ("91") or another registration authority and type.</summary>
    /// <param name="random">Source of randomness.</param>
    /// <param name="authorityAndType">Two characters: e.g. "91" an enterprise registered with market regulation, "52" a social organisation registered with civil affairs.</param>
    /// <param name="division">Six-digit administrative division code (GB/T 2260), e.g. "650102".</param>
    /// <returns>18 characters.</returns>
    public static string Next(Random random, string authorityAndType, string division)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(authorityAndType);
        ArgumentNullException.ThrowIfNull(division);
        var body = random.Next(10_000_000, 100_000_000).ToString(CultureInfo.InvariantCulture);
        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            sum += (body[i] - '0') * OrganizationWeights[i];
        }

        var organizationCheck = (11 - (sum % 11)) switch
        {
            10 => 'X',
            11 => '0',
            var c => (char)('0' + c),
        };
        var first17 = authorityAndType + division + body + organizationCheck;
        // The check character comes from the hub's own rule, so generated data cannot drift from it.
        return first17 + Exchange.Domain.UnifiedSocialCreditCode.ComputeCheckCharacter(first17);
    }
}
