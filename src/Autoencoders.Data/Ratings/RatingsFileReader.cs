using System.Globalization;

namespace Autoencoders.Data.Ratings;

/// <summary>
/// Reads a ratings file — MovieLens's ratings.csv, ML-100K's u.data, ML-1M's ratings.dat, or any CSV/TSV with a header
/// naming user, item and rating columns — into a checked <see cref="RatingLog"/>. Bad input (a non-numeric rating, one
/// outside the scale, a repeated (user, item) pair, a short line) throws <see cref="InvalidDataException"/> naming the line.
/// </summary>
public static class RatingsFileReader
{
    private static readonly string[] UserNames = ["userId", "user_id", "user", "userid", "UserID"];
    private static readonly string[] ItemNames = ["movieId", "itemId", "item_id", "movie_id", "item", "movie", "MovieID"];
    private static readonly string[] RatingNames = ["rating", "score", "Rating"];

    /// <summary>Reads <paramref name="path"/>. With <paramref name="users"/> and <paramref name="items"/> (a model's ids), ids are
    /// looked up in them and new ones appended after, so a test file's indices agree with the training file's.</summary>
    public static RatingLog Read(string path, RatingsReadOptions? options = null, IdIndex? users = null, IdIndex? items = null)
    {
        options ??= new RatingsReadOptions();
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path}: ratings file not found", path);
        users ??= new IdIndex();
        items ??= new IdIndex();
        var userOf = new List<int>();
        var itemOf = new List<int>();
        var ratingOf = new List<float>();
        var lineOf = new List<int>();

        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        string? first = reader.ReadLine();
        if (first is null)
            throw DataErrors.Invalid(path, "the file is empty; expected ratings");
        RatingsLayout layout = options.Layout == RatingsLayout.Auto ? Detect(path, first) : options.Layout;
        string separator = layout switch { RatingsLayout.DoubleColon => "::", RatingsLayout.TabSeparated => "\t", _ => first.Contains('\t') ? "\t" : "," };
        int userField = 0, itemField = 1, ratingField = 2, lineNumber = 1;
        string? line = first;
        if (layout == RatingsLayout.Header)
        {
            string[] header = first.TrimStart('\uFEFF').Split(separator).Select(name => name.Trim().Trim('"')).ToArray();
            userField = Column(path, header, options.UserColumn, UserNames, "user");
            itemField = Column(path, header, options.ItemColumn, ItemNames, "item");
            ratingField = Column(path, header, options.RatingColumn, RatingNames, "rating");
            line = reader.ReadLine();
            lineNumber++;
        }
        int fieldsNeeded = Math.Max(userField, Math.Max(itemField, ratingField)) + 1;
        Span<Range> fields = stackalloc Range[64];
        for (; line is not null; line = reader.ReadLine(), lineNumber++)
        {
            ReadOnlySpan<char> text = line.AsSpan().TrimEnd('\r');
            if (text.IsWhiteSpace()) continue;
            // A quoted cell (an id with a comma in it) takes the RFC 4180 splitter; plain lines, nearly all, split in place.
            string[]? quoted = separator == "," && text.Contains('"') ? CsvLineSplitter.Split(text.ToString(), path, lineNumber) : null;
            int count = quoted?.Length ?? text.Split(fields, separator);
            if (count < fieldsNeeded)
                throw DataErrors.Invalid(path, $"line {lineNumber}: expected at least {fieldsNeeded} fields separated by \"{Printable(separator)}\", received {count}");
            ReadOnlySpan<char> user = quoted is null ? Cell(text[fields[userField]]) : quoted[userField],
                item = quoted is null ? Cell(text[fields[itemField]]) : quoted[itemField],
                ratingText = quoted is null ? Cell(text[fields[ratingField]]) : quoted[ratingField];
            if (user.IsEmpty || item.IsEmpty)
                throw DataErrors.Invalid(path, $"line {lineNumber}: expected a user and an item id, received an empty {(user.IsEmpty ? "user" : "item")}");
            if (!float.TryParse(ratingText, NumberStyles.Float, CultureInfo.InvariantCulture, out float rating) || !float.IsFinite(rating))
                throw DataErrors.Invalid(path, $"line {lineNumber}: expected a numeric rating, received \"{ratingText}\"");
            if (!options.Scale.Contains(rating))
                throw DataErrors.Invalid(path, $"line {lineNumber}: rating {rating.ToString(CultureInfo.InvariantCulture)} is outside the scale {options.Scale}");
            userOf.Add(users.GetOrAdd(user));
            itemOf.Add(items.GetOrAdd(item));
            ratingOf.Add(rating);
            lineOf.Add(lineNumber);
        }
        if (ratingOf.Count == 0)
            throw DataErrors.Invalid(path, "no ratings after the header; expected at least one");
        var log = new RatingLog(path, users, items, [.. userOf], [.. itemOf], [.. ratingOf], [.. lineOf], options.Scale);
        log.ToMatrix(); // finds a repeated (user, item) pair, naming both lines
        return log;
    }

    /// <summary>The layout of a file from its name and first line.</summary>
    public static RatingsLayout Detect(string path, string firstLine)
    {
        if (firstLine.Contains("::")) return RatingsLayout.DoubleColon;
        string[] cells = firstLine.Split(firstLine.Contains('\t') ? '\t' : ',');
        bool numeric = cells.Length >= 3 && cells.Take(3).All(c => double.TryParse(c.Trim().Trim('"'), NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        if (numeric && firstLine.Contains('\t')) return RatingsLayout.TabSeparated;
        if (numeric)
            throw DataErrors.Invalid(path, "line 1 holds numbers, not column names; expected a header (userId,movieId,rating,…), a tab-separated u.data or a ::-separated ratings.dat");
        return RatingsLayout.Header;
    }

    private static int Column(string path, string[] header, string? chosen, string[] candidates, string role)
    {
        if (chosen is not null)
        {
            int at = Array.FindIndex(header, name => string.Equals(name, chosen, StringComparison.OrdinalIgnoreCase));
            return at >= 0 ? at : throw DataErrors.Invalid(path, $"no column \"{chosen}\" for the {role}s in the header; the columns are {string.Join(", ", header)}");
        }
        foreach (string candidate in candidates)
        {
            int at = Array.FindIndex(header, name => string.Equals(name, candidate, StringComparison.OrdinalIgnoreCase));
            if (at >= 0) return at;
        }
        throw DataErrors.Invalid(path, $"no {role} column in the header (expected one of {string.Join(", ", candidates.Take(4))}, or name it with --{role}-column); the columns are {string.Join(", ", header)}");
    }

    private static ReadOnlySpan<char> Cell(ReadOnlySpan<char> field) => field.Trim().Trim('"');

    private static string Printable(string separator) => separator == "\t" ? "\\t" : separator;
}
