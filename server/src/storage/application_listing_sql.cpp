#include "storage/application_listing_sql.hpp"

#include "storage/record_rows.hpp"

namespace certrenew::server {

namespace {

constexpr std::string_view kListingColumns =
    "id, business_no, state, payment_state, total_fen, created_at, subject, operator_name";

// The WHERE clause of a query's filters, numbering its parameters on from those already in `out`.
class Filter {
 public:
  Filter(SqlStatement& out, SqlDialect dialect) : out_(out), dialect_(dialect) {}

  std::string value(std::int64_t v) { return added({v, {}}); }
  std::string value(std::string v) { return added({std::nullopt, std::move(v)}); }

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
  std::string added(SqlValue v) {
    out_.params.push_back(std::move(v));
    return param(dialect_, static_cast<int>(out_.params.size()));
  }

  SqlStatement& out_;
  SqlDialect dialect_;
  int conditions_ = 0;
};

// "b.id, b.payer_account, ..." from "id, payer_account, ...".
std::string prefixed_columns(std::string_view prefix, std::string_view columns) {
  std::string out(prefix);
  for (char c : columns) {
    out += c;
    if (c == ' ') out += prefix;
  }
  return out;
}

SqlStatement select_where(std::string_view columns, const ApplicationQuery& q, SqlDialect dialect,
                          bool with_cursor) {
  SqlStatement out{"SELECT " + std::string(columns) + " FROM applications", {}};
  Filter f(out, dialect);
  f.filters(q);
  if (with_cursor) f.after_cursor(q);
  return out;
}

}  // namespace

SqlStatement listing_page_sql(const ApplicationQuery& q, SqlDialect dialect) {
  SqlStatement out = select_where(kListingColumns, q, dialect, true);
  Filter(out, dialect).order_and_limit(q, std::int64_t{q.limit} + 1);
  return out;
}

SqlStatement listing_count_sql(const ApplicationQuery& q, SqlDialect dialect) {
  return select_where("COUNT(*)", q, dialect, false);
}

ApplicationListing read_listing(RowReader& row) {
  ApplicationListing a;
  row.into(a.id, a.business_no, a.state, a.payment_state, a.total_fen, a.created_at);
  // NULL (not filled yet) reads as empty
  a.subject = row.optional_text().value_or("");
  a.operator_name = row.optional_text().value_or("");
  return a;
}

const std::string kAwaitedTransfersSql =
    "SELECT a.business_no, " + prefixed_columns("b.", kBankTransferColumns) +
    " FROM bank_transfers b JOIN applications a ON a.id = b.application_id "
    "WHERE a.payment_state = 'confirming' ORDER BY a.created_at, a.id, b.id";

AwaitedTransfer read_awaited_transfer(RowReader& row) {
  AwaitedTransfer w;
  w.business_no = row.text();
  w.transfer = read_record<BankTransferRecord>(row);
  return w;
}

std::string unfilled_listings_sql(SqlDialect dialect) {
  return "SELECT id, old_cert_der, form_json FROM applications WHERE subject IS NULL ORDER BY id "
         "LIMIT " +
         param(dialect, 1);
}

UnfilledListing read_unfilled_listing(RowReader& row) {
  UnfilledListing u;
  row.into(u.id, u.old_cert_der, u.form_json);
  return u;
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
