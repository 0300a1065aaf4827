namespace Exchange.Storage.ReadModel;

/// <summary>One page of a keyset-paged read: its rows, and whether more follow the last of them.</summary>
public sealed record ReadPage<T>(IReadOnlyList<T> Rows, bool HasMore)
{
    /// <summary>A page from rows read with a limit of <paramref name="pageSize"/> + 1: the extra row only says that more follow.</summary>
    internal static ReadPage<T> Of(List<T> rows, int pageSize)
    {
        if (rows.Count <= pageSize)
        {
            return new ReadPage<T>(rows, false);
        }

        rows.RemoveAt(rows.Count - 1);
        return new ReadPage<T>(rows, true);
    }
}
