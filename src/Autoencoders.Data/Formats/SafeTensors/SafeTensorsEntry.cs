namespace Autoencoders.Data;

/// <summary>One tensor's header entry: where its bytes lie in the data section, <c>[Begin, End)</c>.</summary>
internal readonly record struct SafeTensorsEntry(string Name, int[] Shape, ulong Begin, ulong End);
