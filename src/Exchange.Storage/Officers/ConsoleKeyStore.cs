using Npgsql;

namespace Exchange.Storage.Officers;

/// <summary>
/// The court console's Data Protection key ring (exchange_console_keys), shared by every gateway.
/// Synchronous, as the key manager calls it: once at start and when the ring is refreshed.
/// </summary>
public sealed class ConsoleKeyStore(NpgsqlDataSource dataSource)
{
    /// <summary>Every element stored, oldest first, as XML text.</summary>
    public IReadOnlyList<string> ReadAll()
    {
        using var command = dataSource.CreateCommand("SELECT xml FROM exchange_console_keys ORDER BY created_at, name");
        using var reader = command.ExecuteReader();
        var elements = new List<string>();
        while (reader.Read())
        {
            elements.Add(reader.GetString(0));
        }

        return elements;
    }

    /// <summary>Adds an element under its name; a name already stored keeps its first element (names are unique key ids).</summary>
    public void Store(string name, string xml)
    {
        using var command = dataSource.CreateCommand("INSERT INTO exchange_console_keys (name, xml) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING");
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        command.Parameters.Add(new NpgsqlParameter { Value = xml });
        command.ExecuteNonQuery();
    }
}
