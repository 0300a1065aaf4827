using System.Globalization;

namespace Exchange.LoadTests.Generators;

/// <summary>
/// Random but valid PRC resident ID numbers (GB 11643): a real address code, a real birth date of
/// an adult, a sequence whose parity is the holder's sex, and the check character.
/// </summary>
public static class ResidentIds
{
    // Address codes (GB/T 2260): mostly the districts of Urumqi, where the sample courts sit, and a
    // few elsewhere, since parties are not always local.
    private static readonly string[] AddressCodes =
    [
        "650102", "650103", "650104", "650105", "650106", "650107", "650109", "650121",
        "650102", "650103", "650104", "650105", "652301", "653101", "110105", "310115", "510107", "620102",
    ];

    private static readonly DateOnly EarliestBirth = new(1950, 1, 1);

    /// <summary>A valid number for an adult of the given sex.</summary>
    /// <param name="random">Source of randomness.</param>
    /// <param name="male">The holder's sex (odd sequence for men, even for women).</param>
    /// <param name="today">Today, China Standard Time; holders are at least 18.</param>
    /// <returns>18 characters.</returns>
    public static string Next(Random random, bool male, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(random);
        var latest = today.AddYears(-18);
        var birth = EarliestBirth.AddDays(random.Next(latest.DayNumber - EarliestBirth.DayNumber + 1));
        var sequence = (random.Next(0, 500) * 2) + (male ? 1 : 0);
        var first17 = AddressCodes[random.Next(AddressCodes.Length)]
            + birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture)
            + sequence.ToString("D3", CultureInfo.InvariantCulture);
        // The check character comes from the hub's own rule, so generated data cannot drift from it.
        return first17 + Exchange.Domain.ResidentId.ComputeCheckCharacter(first17);
    }
}
