#include "storage/application_listing_sql.hpp"

namespace certrenew::server {

namespace {

constexpr std::string_view kListingColumns =
    "id, business_no, state, payment_state, total_fen, created_at, subject, operator_name";

// The WHERE clause of a query's filters, numbering its parameters on from those already in `out`.
class Filter {
 public:
  Filter(SqlStatement& out, Placeholders style) : out_(out), style_(style) {}

  std::string value(SqlValue v) {
    out_.params.push_back(std::move(v));
    return (style_ == Placeholders::sqlite ? "?" : "$") + std::to_string(out_.params.size());
  }

  void add(const std::string& condition) {
    out_.sql += conditions_++ == 0 ? " WHERE " : " AND ";
    out_.sql += condition;
  }

  void filters(const ApplicationQuery& q) {
    if (!q.state.empty()) add("state = " + value(q.state));
    if (!q.payment_state.empty()) add("payment_state = " + value(q.payment_state));
    if (q.created_from != 0) add("created_at >= " + value(q.created_from));
    if (q.created_to != 0) add("created_at < " + value(q.created_to));
    if (!q.search.empty()) {
      // Case folded by the database on both sides (SQLite folds ASCII, PostgreSQL all of
      // Unicode); the business number is digits.
      const std::string p = value(contains_pattern(q.search));
      add("(business_no LIKE " + p + " ESCAPE '\\' OR lower(subject) LIKE lower(" + p +
          ") ESCAPE '\\' OR lower(operator_name) LIKE lower(" + p + ") ESCAPE '\\')");
    }
  }

  void after_cursor(const ApplicationQuery& q) {
    if (!q.after) return;
    const std::string at = value(q.after->created_at);
    add(std::string("(created_at, id) ") + (q.newest_first ? "<" : ">") + " (" + at + ", " +
        value(q.after->id) + ")");
  }

  void order_and_limit(const ApplicationQuery& q, std::int64_t limit) {
    out_.sql += q.newest_first ? " ORDER BY created_at DESC, id DESC" : " ORDER BY created_at, id";
    out_.sql += " LIMIT " + value(limit);
  }

 private:
  SqlStatement& out_;
  Placeholders style_;
  int conditions_ = 0;
};

SqlStatement select_where(std::string_view columns, const ApplicationQuery& q, Placeholders style,
                          bool with_cursor) {
  SqlStatement out{"SELECT " + std::string(columns) + " FROM applications", {}};
  Filter f(out, style);
  f.filters(q);
  if (with_cursor) f.after_cursor(q);
  return out;
}

}  // namespace

SqlStatement listing_page_sql(const ApplicationQuery& q, Placeholders style) {
  SqlStatement out = select_where(kListingColumns, q, style, true);
  Filter(out, style).order_and_limit(q, std::int64_t{q.limit} + 1);
  return out;
}

SqlStatement listing_count_sql(const ApplicationQuery& q, Placeholders style) {
  return select_where("COUNT(*)", q, style, false);
}

SqlStatement matching_ids_sql(const ApplicationQuery& q, Placeholders style) {
  SqlStatement out = select_where("id", q, style, true);
  Filter(out, style).order_and_limit(q, q.limit);
  return out;
}

void take_next_page(ApplicationPage& page, int limit) {
  if (limit < 0 || page.rows.size() <= static_cast<std::size_t>(limit)) return;
  page.rows.resize(static_cast<std::size_t>(limit));
  if (!page.rows.empty())
    page.next = ListingCursor{page.rows.back().created_at, page.rows.back().id};
}

std::string contains_pattern(std::string_view text) {
  std::string out = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out + "%";
}

}  // namespace certrenew::server
