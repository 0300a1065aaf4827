using Google.Protobuf;

namespace Exchange.V1;

public sealed partial class Application
{
    /// <summary>
    /// A message that goes on the wire as the same fields as this one, already encoded: every field is
    /// held as an encoded unknown field, so sending it is a copy of bytes instead of a size calculation
    /// and an encoding of each nested party, item and attachment. Hot reads send the same cached
    /// application over and over, and encoding it was the gateway's largest cost per read. Its
    /// properties read as empty: it is for sending only.
    /// </summary>
    /// <remarks>
    /// Unknown fields are written grouped by field number, in the order first seen; the protobuf
    /// encoding allows any field order, and the entries of each repeated field keep theirs.
    /// </remarks>
    public Application Preencoded()
    {
        var input = new CodedInputStream(this.ToByteArray());
        UnknownFieldSet? fields = null;
        while (input.ReadTag() != 0)
        {
            fields = UnknownFieldSet.MergeFieldFrom(fields, input);
        }

        return new Application { _unknownFields = fields };
    }
}
