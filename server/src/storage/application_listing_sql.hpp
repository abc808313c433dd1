#pragma once
// The console's application queries as SQL, written once for both dialects (issue 17: the list at
// a CA's scale). Filters, search, order and a page's cursor become one statement whose parameters
// are numbered in the dialect's style (SQLite ?N, PostgreSQL $N). Only constant fragments become
// SQL text; every value a request brings is a parameter.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/console_store.hpp"
#include "storage/row_reader.hpp"
#include "storage/sql_dialect.hpp"

namespace certrenew::server {

// One parameter's value: an integer, or else text.
struct SqlValue {
  std::optional<std::int64_t> integer;
  std::string text;
};

struct SqlStatement {
  std::string sql;
  std::vector<SqlValue> params;  // ?1/$1 first
};

// The listing columns (ApplicationListing's, in its order) of the applications the query's
// filters match, after its cursor in its order, at most `limit + 1` rows: one more than a page
// tells that another page follows; read_listing reads its rows.
SqlStatement listing_page_sql(const ApplicationQuery& query, SqlDialect dialect);
ApplicationListing read_listing(RowReader& row);

// Cuts a page read with listing_page_sql to `limit` rows; a row past them means another page
// follows, after the page's last row.
void take_next_page(ApplicationPage& page, int limit);

// How many applications the query's filters match (its cursor and limit aside).
SqlStatement listing_count_sql(const ApplicationQuery& query, SqlDialect dialect);

// The applications that may have money to refund or a refund on record (a superset the refunds
// page checks one by one): ended ones that received money or have a refund recorded, and any with
// an online payment due for refund. Oldest first; the same text in both dialects.
inline constexpr std::string_view kRefundCandidatesSql =
    "SELECT id FROM applications WHERE id IN ("
    "SELECT a.id FROM applications a WHERE a.state IN ('cancelled', 'rejected') AND ("
    "EXISTS (SELECT 1 FROM bank_transfers b WHERE b.application_id = a.id) OR "
    "EXISTS (SELECT 1 FROM online_payments o WHERE o.application_id = a.id AND o.state IN "
    "('paid', 'refund_due')) OR "
    "EXISTS (SELECT 1 FROM refund_payouts p WHERE p.business_no = a.business_no) OR "
    "EXISTS (SELECT 1 FROM refunds f WHERE f.business_no = a.business_no)) "
    "UNION SELECT application_id FROM online_payments WHERE state = 'refund_due') "
    "ORDER BY created_at, id";

// transfers_awaiting_confirmation's query (the same text in both dialects) and its rows' reader.
extern const std::string kAwaitedTransfersSql;
AwaitedTransfer read_awaited_transfer(RowReader& row);

// unfilled_listings's query, its one parameter the limit, and its rows' reader.
std::string unfilled_listings_sql(SqlDialect dialect);
UnfilledListing read_unfilled_listing(RowReader& row);

// A LIKE pattern (with ESCAPE '\') that matches `text` anywhere, its wildcards taken literally.
std::string contains_pattern(std::string_view text);

}  // namespace certrenew::server
