using System.Text;

namespace Exchange.Storage;

/// <summary>The provider queries as stored in OrleansQuery: without comments and runs of whitespace.</summary>
/// <remarks>
/// Npgsql rewrites the provider's named parameters (<c>@GrainIdHash</c>) to positional ones by scanning
/// the whole command text on every execution, prepared or not; our write statement is mostly
/// comments, so storing it compacted makes that scan (a few per cent of a submission's silo CPU) shorter.
/// </remarks>
public static class SqlText
{
    /// <summary>
    /// Removes <c>--</c> comments and collapses whitespace outside quoted literals and identifiers.
    /// Block comments and dollar quoting are not used in our queries and are left as they are.
    /// </summary>
    public static string Compact(string sql)
    {
        var result = new StringBuilder(sql.Length);
        var pendingSpace = false;
        for (var i = 0; i < sql.Length; i++)
        {
            var c = sql[i];
            if (c == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
            {
                while (i + 1 < sql.Length && sql[i + 1] != '\n')
                {
                    i++;
                }

                pendingSpace = true;
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                pendingSpace = true;
                continue;
            }

            if (pendingSpace && result.Length > 0)
            {
                result.Append(' ');
            }

            pendingSpace = false;
            if (c is '\'' or '"')
            {
                // Copy the literal or quoted identifier as it is (a doubled quote stays inside it).
                var end = i + 1;
                while (end < sql.Length)
                {
                    if (sql[end] == c)
                    {
                        if (end + 1 < sql.Length && sql[end + 1] == c)
                        {
                            end += 2;
                            continue;
                        }

                        break;
                    }

                    end++;
                }

                var stop = Math.Min(end, sql.Length - 1);
                result.Append(sql, i, stop - i + 1);
                i = stop;
                continue;
            }

            result.Append(c);
        }

        return result.ToString();
    }
}
