namespace Autoencoders.Data.Tests.Fuzzing;

/// <summary>The ways <see cref="FileMutation"/> damages a valid file.</summary>
public enum MutationKind
{
    /// <summary>Cut the file short.</summary>
    Truncate,

    /// <summary>Flip one to four bits.</summary>
    FlipBits,

    /// <summary>Write an extreme value into a declared-size field of the format.</summary>
    InflateField,

    /// <summary>Write an extreme value over any 4 or 8 bytes.</summary>
    OverwriteWord,

    /// <summary>Replace a decimal number in the text (a JSON size or offset, a CSV cell, a YAML setting) by an extreme one.</summary>
    InflateNumberText,

    /// <summary>Insert a run of one byte.</summary>
    InsertBytes,

    /// <summary>Delete a run of bytes.</summary>
    DeleteBytes,

    /// <summary>Repeat a slice of the file in place: more rows, more tensors, more bytes than declared.</summary>
    DuplicateSlice,

    /// <summary>Insert a token that means something to a text parser (quote, bracket, anchor, NUL, invalid UTF-8).</summary>
    InsertSyntax,
}
