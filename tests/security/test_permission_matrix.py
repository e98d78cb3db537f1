"""Every URL pattern of the project × every role, with the outcome each role must get, in one table.

The walk covers every pattern `get_resolver()` knows, the Wagtail admin included. A pattern without a
row in MATRIX fails the test ("add a row for …"), so a new URL cannot ship without someone deciding who
may open it. Patterns with parameters are requested with real objects of a small world built below
(one street's event, a seller's listing and order, a case in second review, a flag in this district, a
rights holder's notice…) or with a sample id where no such object exists (then 404 is expected).

Each request runs in a savepoint that is rolled back, so a POST by one role changes nothing for the next.
Staff sign in the way allauth records a login with the second factor (`tests.accounts.factories.sign_in`).

To see what every role gets today (when adding rows or after changing a view), run with
MATRIX_DUMP=/tmp/matrix.json: the observed outcomes are written there and nothing is asserted.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.contrib.messages import constants as message_levels
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

pytestmark = pytest.mark.django_db

# --- Outcomes --------------------------------------------------------------------------------------
OK = "ok"  # 2xx
LOGIN = "login"  # redirect to a sign-in page
DENY = "403"  # 403, or the Wagtail admin's refusal (back to the admin home with a message)
NOPE = "404"
METHOD = "405"
REFUSED = "refused"  # redirected with an error message: the action was refused
AWAY = "redirect"  # any other redirect (after an action, or to the page to go on with)
BAD = "400"
UNAUTH = "401"  # the bureau API: no API key
CONFLICT = "409"  # a refusal the domain-error middleware turned into a page
GONE = "410"
ERROR = "500"

ROLES = (
    "anonymous",
    "resident",
    "seller",
    "buyer",
    "street_staff",
    "other_street_staff",
    "appraiser",
    "reviewer",
    "regulator",
    "other_regulator",
    "platform_staff",
    "rights_holder",
)
STAFF = ("street_staff", "other_street_staff", "appraiser", "reviewer", "regulator", "other_regulator")
MEMBERS = tuple(role for role in ROLES if role != "anonymous")


@dataclass(frozen=True)
class Row:
    method: str
    expect: dict[str, str]


def row(default: str, *, method: str = "GET", **roles: str) -> Row:
    """A table row: `default` for every role not named; role names may be grouped with `staff=`,
    `members=` (everyone signed in)."""
    expect = dict.fromkeys(ROLES, default)
    for group, names in (("members", MEMBERS), ("staff", STAFF)):
        if group in roles:
            expect.update(dict.fromkeys(names, roles.pop(group)))
    unknown = set(roles) - set(ROLES)
    assert not unknown, f"unknown roles {unknown}"
    expect.update(roles)
    return Row(method, expect)


def post(default: str, **roles: str) -> Row:
    return row(default, method="POST", **roles)


def admin(platform: str, *, street: str = DENY, other_street: str | None = None, method: str = "GET") -> Row:
    """A Wagtail admin page: every role without admin access is sent to sign in; street offices have
    admin access for their events only; platform staff run the admin."""
    return row(
        LOGIN,
        method=method,
        street_staff=street,
        other_street_staff=other_street or street,
        platform_staff=platform,
    )


# --- The table ------------------------------------------------------------------------------------
MATRIX: dict[str, Row] = {
    # Site shell, sign-in and the second factor (allauth)
    "healthz": row(OK),
    "favicon": row(AWAY),
    "set_language": row(AWAY),
    "account_login": row(AWAY, anonymous=OK),
    "account_logout": row(OK, anonymous=AWAY),
    "account_inactive": row(OK),
    "account_signup": row(AWAY, anonymous=OK),
    "account_reauthenticate": row(OK, anonymous=LOGIN),
    "account_request_reauthentication_code": row(OK, anonymous=LOGIN),
    "account_confirm_reauthentication_code": row(AWAY, anonymous=LOGIN),
    "account_email": row(OK, anonymous=LOGIN),
    "account_email_verification_sent": row(OK),
    "account_change_password": row(OK, anonymous=LOGIN),
    "account_set_password": row(AWAY, anonymous=LOGIN),
    "account_reset_password": row(OK),
    "account_confirm_login_code": row(AWAY, anonymous=LOGIN),
    "account_confirm_email": row(OK),
    "account_reset_password_from_key_done": row(OK),
    "account_reset_password_from_key": row(OK),
    "account_reset_password_done": row(OK),
    "mfa_index": row(OK, anonymous=LOGIN),
    "mfa_authenticate": row(AWAY, anonymous=LOGIN),
    "mfa_reauthenticate": row(
        AWAY, anonymous=LOGIN, appraiser=OK, reviewer=OK, regulator=OK, other_regulator=OK, platform_staff=OK
    ),
    "mfa_activate_totp": row(AWAY, anonymous=LOGIN),
    "mfa_deactivate_totp": row(
        NOPE,
        anonymous=LOGIN,
        appraiser=AWAY,
        reviewer=AWAY,
        regulator=AWAY,
        other_regulator=AWAY,
        platform_staff=AWAY,
    ),
    "mfa_view_recovery_codes": row(NOPE, anonymous=LOGIN),
    "mfa_generate_recovery_codes": row(AWAY, anonymous=LOGIN),
    "mfa_download_recovery_codes": row(NOPE, anonymous=LOGIN),
    # The resident's own pages
    "accounts:profile": row(OK, anonymous=LOGIN),
    "accounts:verify_identity": row(OK, anonymous=LOGIN),
    "accounts:close_account": row(OK, anonymous=LOGIN),
    "accounts:privacy": row(OK),
    "core:dashboard": row(OK, anonymous=LOGIN),
    "core:signing_keys": row(OK),
    "core:signing_keys_json": row(OK),
    # Listings: the owner edits; moderation is in the admin below
    "listings:browse": row(OK),
    "listings:create": row(OK, anonymous=LOGIN),
    "listings:mine": row(OK, anonymous=LOGIN),
    "listings:favourites": row(OK, anonymous=LOGIN),
    "listings:inbox": row(OK, anonymous=LOGIN),
    "listings:seller": row(OK),
    "listings:detail": row(OK),
    "listings:edit": row(DENY, anonymous=LOGIN, seller=OK),
    "listings:photos": row(DENY, anonymous=LOGIN, seller=OK),
    "listings:photo_action": post(DENY, anonymous=LOGIN, seller=AWAY),
    "listings:submit": post(DENY, anonymous=LOGIN, seller=REFUSED),
    "listings:withdraw": post(REFUSED, anonymous=LOGIN, seller=AWAY),
    "listings:reopen": post(DENY, anonymous=LOGIN, seller=REFUSED),
    "listings:appeal": row(DENY, anonymous=LOGIN, seller=OK),
    "listings:favourite": post(AWAY, anonymous=LOGIN),
    "listings:report": post(REFUSED, anonymous=LOGIN),
    "listings:conversation": row(OK, anonymous=LOGIN, seller=NOPE),
    # Orders and swaps: only the two parties (and platform staff, who settle disputes) see an order
    "orders:mine": row(OK, anonymous=LOGIN),
    "orders:buy": row(OK, anonymous=LOGIN),
    "orders:propose_swap": row(OK, anonymous=LOGIN),
    "orders:swap_action": post(NOPE, anonymous=LOGIN),
    "orders:payouts": post(AWAY, anonymous=LOGIN),
    "orders:stripe_webhook": post(BAD),
    "orders:conversation": row(NOPE, anonymous=LOGIN, seller=AWAY, buyer=AWAY),
    "orders:detail": row(NOPE, anonymous=LOGIN, seller=OK, buyer=OK, platform_staff=OK),
    "orders:pay": post(NOPE, anonymous=LOGIN, seller=REFUSED, buyer=REFUSED, platform_staff=REFUSED),
    "orders:act": post(NOPE, anonymous=LOGIN),
    "orders:dispute": row(NOPE, anonymous=LOGIN, seller=DENY, buyer=OK, platform_staff=DENY),
    "orders:answer": post(NOPE, anonymous=LOGIN, seller=AWAY, buyer=AWAY, platform_staff=AWAY),
    "orders:rate": post(NOPE, anonymous=LOGIN, seller=REFUSED, buyer=REFUSED, platform_staff=REFUSED),
    # Search
    "search:results": row(OK),
    "search:suggest": row(OK),
    "search:saved": row(OK, anonymous=LOGIN),
    "search:save": post(AWAY, anonymous=LOGIN),
    "search:delete": post(NOPE, anonymous=LOGIN, buyer=AWAY),
    # Appraisal: certified appraisers work cases; reports are verified by anyone
    "appraisal:workbench": row(DENY, anonymous=LOGIN, appraiser=OK, reviewer=OK),
    "appraisal:case": row(DENY, anonymous=LOGIN, appraiser=OK, reviewer=OK),
    "appraisal:take": post(DENY, anonymous=LOGIN, appraiser=REFUSED, reviewer=REFUSED),
    "appraisal:record": post(DENY, anonymous=LOGIN, appraiser=REFUSED),
    "appraisal:grade": post(DENY, anonymous=LOGIN, appraiser=REFUSED, reviewer=REFUSED),
    "appraisal:value": post(DENY, anonymous=LOGIN, appraiser=REFUSED, reviewer=REFUSED),
    "appraisal:review": post(DENY, anonymous=LOGIN, appraiser=REFUSED, reviewer=REFUSED),
    "appraisal:issue": post(DENY, anonymous=LOGIN, appraiser=REFUSED, reviewer=REFUSED),
    "appraisal:decline": post(NOPE, anonymous=LOGIN, seller=AWAY),
    "appraisal:request": post(DENY, anonymous=LOGIN, seller=AWAY),
    "appraisal:amend": row(DENY, anonymous=LOGIN, appraiser=OK),
    "appraisal:revoke": row(DENY, anonymous=LOGIN, appraiser=OK, platform_staff=OK),
    "appraisal:verify": row(OK),
    "appraisal:pdf": row(OK),
    "appraisal:bundle": row(OK),
    "appraisal:keys": row(OK),
    "appraisal:defects": row(OK),
    "appraisal:price_suggestion": row(OK),
    # Swap events: each street office its own street; regulators their district's reports (issue 12)
    "community_events:staff_dashboard": row(DENY, anonymous=LOGIN, street_staff=OK, other_street_staff=OK),
    "community_events:calendar": row(OK),
    "community_events:my_tickets": row(OK, anonymous=LOGIN),
    # Notifications: everyone signed in has an inbox; an entry that is not yours does not exist for you.
    "notifications:inbox": row(OK, anonymous=LOGIN),
    "notifications:preferences": row(OK, anonymous=LOGIN),
    "notifications:read_all": post(AWAY, anonymous=LOGIN),
    "notifications:read": post(NOPE, anonymous=LOGIN),
    "community_events:ical": row(OK),
    # Anonymous visitors are not told the dashboard exists.
    "community_events:dashboard": row(
        DENY,
        anonymous=NOPE,
        street_staff=OK,
        other_street_staff=OK,
        regulator=OK,
        other_regulator=OK,
        platform_staff=OK,
    ),
    "community_events:register": post(REFUSED, anonymous=LOGIN),
    "community_events:check_in": row(DENY, street_staff=OK, platform_staff=OK),
    "community_events:check_in_sync": post(DENY, street_staff=BAD, platform_staff=BAD),
    "community_events:counts": row(DENY, street_staff=OK, platform_staff=OK),
    "community_events:desk": row(DENY, street_staff=OK, platform_staff=OK),
    "community_events:event_report": row(DENY, street_staff=OK, platform_staff=OK),
    "community_events:street_report": row(DENY, street_staff=OK, regulator=OK, platform_staff=OK),
    "community_events:ticket": row(NOPE, anonymous=LOGIN, resident=OK),
    "community_events:answer_offer": post(NOPE, anonymous=LOGIN, resident=AWAY),
    "community_events:pledge": post(NOPE, anonymous=LOGIN, resident=REFUSED),
    # The regulator: decisions by regulators of the flag's district only (issue 12, item 6)
    "regulation:dashboard": row(DENY, anonymous=LOGIN, regulator=OK, other_regulator=OK, platform_staff=OK),
    "regulation:export": row(DENY, anonymous=LOGIN, regulator=OK, other_regulator=OK, platform_staff=OK),
    "regulation:flag": row(DENY, anonymous=LOGIN, regulator=OK, other_regulator=NOPE, platform_staff=OK),
    "regulation:frozen_photo": row(
        DENY, anonymous=LOGIN, regulator=OK, other_regulator=NOPE, platform_staff=OK
    ),
    "regulation:decide": post(DENY, anonymous=LOGIN, regulator=REFUSED, other_regulator=NOPE),
    "regulation:unmask": post(DENY, anonymous=LOGIN, regulator=REFUSED, other_regulator=NOPE),
    "regulation:reverse_takedown": post(DENY, anonymous=LOGIN, regulator=REFUSED, other_regulator=NOPE),
    "regulation:decide_bulk": post(DENY, anonymous=LOGIN, regulator=REFUSED, other_regulator=REFUSED),
    "regulation:open_flag": row(DENY, anonymous=LOGIN, regulator=OK, other_regulator=OK),
    "regulation:rights_holder": row(OK, anonymous=LOGIN),
    "regulation:file_notice": post(DENY, anonymous=LOGIN, rights_holder=REFUSED),
    "regulation:counter": row(NOPE, anonymous=LOGIN, seller=OK),
    "regulation:complaint": post(NOPE, anonymous=LOGIN, rights_holder=REFUSED),
    "regulation:uphold": post(NOPE, anonymous=LOGIN, regulator=REFUSED, platform_staff=REFUSED),
    "regulation:withdraw_notice": post(NOPE, anonymous=LOGIN, rights_holder=AWAY),
    "regulation:outcomes": row(OK),
    # The bureau's API: API keys, not sessions
    "regulation_api:entries": row(UNAUTH),
    "regulation_api:heads": row(UNAUTH),
    "regulation_api:latest_head": row(UNAUTH),
    "regulation_api:inclusion": row(UNAUTH),
    "regulation_api:consistency": row(UNAUTH),
    "regulation_api:public_key": row(OK),
    "regulation_api:openapi": row(OK),
    # The Wagtail admin. Its own login and password reset lead to allauth's (issue 12, item 1).
    "cms/login/": row(LOGIN),
    "^cms/password_reset/": row(AWAY),
    "wagtailadmin_home": admin(OK, street=OK),
    "cms/test404/": admin(OK, street=OK),
    "wagtailadmin_api:pages:listing": admin(OK, street=OK),
    "wagtailadmin_api:pages:detail": admin(OK, street=OK),
    "wagtailadmin_api:pages:find": admin(NOPE, street=NOPE),
    "wagtailadmin_api:pages:action": admin(DENY, method="POST"),
    "wagtailadmin_api:documents:listing": admin(OK, street=OK),
    "wagtailadmin_api:documents:detail": admin(OK, street=OK),
    "wagtailadmin_api:documents:find": admin(NOPE, street=NOPE),
    "wagtailadmin_api:images:listing": admin(OK, street=OK),
    "wagtailadmin_api:images:detail": admin(OK, street=OK),
    "wagtailadmin_api:images:find": admin(NOPE, street=NOPE),
    # Wagtail's deliberate error page, for testing error reporting.
    "wagtailadmin_error_test": admin(ERROR, street=ERROR),
    "wagtailadmin_explore_root": admin(OK, street=AWAY),
    "wagtailadmin_explore": admin(OK, street=OK),
    "wagtailadmin_explore_results": admin(OK, street=OK),
    "wagtail_bulk_action": admin(NOPE, street=NOPE),
    "wagtailadmin_pages:add": admin(OK, street=OK),
    "wagtailadmin_pages:preview_on_add": admin(OK, street=OK),
    "wagtailadmin_pages:type_use": admin(OK, street=OK),
    "wagtailadmin_pages:choose_parent": admin(AWAY, street=AWAY),
    "wagtailadmin_pages:type_use_results": admin(OK, street=OK),
    "wagtailadmin_pages:usage": admin(OK, street=OK, other_street=DENY),
    "wagtailadmin_pages:edit": admin(OK, street=OK, other_street=DENY),
    "wagtailadmin_pages:preview_on_edit": admin(OK, street=OK, other_street=DENY),
    "wagtailadmin_pages:view_draft": admin(OK, street=OK, other_street=DENY),
    "wagtailadmin_pages:add_subpage": admin(AWAY, street=AWAY),
    # The sample event has registrations: it is cancelled (unpublished), never deleted, by anyone.
    "wagtailadmin_pages:delete": admin(DENY, method="POST"),
    "wagtailadmin_pages:unpublish": admin(AWAY, street=AWAY, other_street=DENY, method="POST"),
    "wagtailadmin_pages:convert_alias": admin(NOPE, street=NOPE),
    "wagtailadmin_pages:search": admin(OK, street=OK),
    "wagtailadmin_pages:search_results": admin(OK, street=OK),
    "wagtailadmin_pages:move": admin(DENY),
    "wagtailadmin_pages:move_confirm": admin(DENY, method="POST"),
    "wagtailadmin_pages:set_page_position": admin(DENY, method="POST"),
    "wagtailadmin_pages:copy": admin(OK, street=OK, other_street=DENY),
    "wagtailadmin_pages:workflow_action": admin(NOPE, street=NOPE),
    "wagtailadmin_pages:collect_workflow_action_data": admin(NOPE, street=NOPE),
    "wagtailadmin_pages:confirm_workflow_cancellation": admin(OK, street=OK),
    "wagtailadmin_pages:workflow_preview": admin(NOPE, street=NOPE),
    "wagtailadmin_pages:set_privacy": admin(OK, street=OK, other_street=DENY),
    "wagtailadmin_pages:lock": admin(AWAY, method="POST"),
    "wagtailadmin_pages:unlock": admin(AWAY, method="POST"),
    "wagtailadmin_pages:revisions_index": admin(AWAY, street=AWAY),
    "wagtailadmin_pages:revisions_view": admin(NOPE, street=NOPE, other_street=DENY),
    "wagtailadmin_pages:revisions_revert": admin(NOPE, street=NOPE),
    "wagtailadmin_pages:revisions_unschedule": admin(NOPE, street=NOPE, other_street=DENY),
    "wagtailadmin_pages:revisions_compare": admin(NOPE, street=NOPE),
    "wagtailadmin_pages:workflow_history": admin(OK, street=OK, other_street=DENY),
    "wagtailadmin_pages:workflow_history_detail": admin(NOPE, street=NOPE, other_street=DENY),
    "wagtailadmin_pages:history": admin(OK, street=OK, other_street=DENY),
    "wagtailadmin_pages:history_results": admin(OK, street=OK, other_street=DENY),
    "wagtailadmin_choose_page": admin(OK, street=OK),
    "wagtailadmin_choose_page_child": admin(OK, street=OK),
    "wagtailadmin_choose_page_search": admin(OK, street=OK),
    "wagtailadmin_choose_page_chosen_multiple": admin(OK, street=OK),
    "wagtailadmin_choose_page_external_link": admin(OK, street=OK),
    "wagtailadmin_choose_page_email_link": admin(OK, street=OK),
    "wagtailadmin_choose_page_phone_link": admin(OK, street=OK),
    "wagtailadmin_choose_page_anchor_link": admin(OK, street=OK),
    "wagtailadmin_tag_autocomplete": admin(OK, street=OK),
    "wagtailadmin_tag_model_autocomplete": admin(NOPE, street=NOPE),
    "wagtailadmin_collections:index": admin(DENY),
    "wagtailadmin_collections:add": admin(DENY),
    "wagtailadmin_collections:edit": admin(DENY),
    "wagtailadmin_collections:delete": admin(NOPE, street=NOPE),
    "wagtailadmin_collections:set_privacy": admin(DENY),
    "wagtailadmin_workflows:index": admin(DENY),
    "wagtailadmin_workflows:index_results": admin(DENY),
    "wagtailadmin_workflows:add": admin(DENY),
    "wagtailadmin_workflows:enable": admin(DENY, method="POST"),
    "wagtailadmin_workflows:disable": admin(DENY),
    "wagtailadmin_workflows:edit": admin(DENY),
    "wagtailadmin_workflows:usage": admin(DENY),
    "wagtailadmin_workflows:usage_results": admin(DENY),
    "cms/workflows/remove/<int:page_pk>/": admin(DENY, method="POST"),
    "cms/workflows/remove/<int:page_pk>/<int:workflow_pk>/": admin(DENY, method="POST"),
    "wagtailadmin_workflows:add_task": admin(DENY),
    "wagtailadmin_workflows:select_task_type": admin(DENY),
    "wagtailadmin_workflows:task_index": admin(DENY),
    "wagtailadmin_workflows:task_index_results": admin(DENY),
    "wagtailadmin_workflows:edit_task": admin(DENY),
    "wagtailadmin_workflows:disable_task": admin(DENY),
    "wagtailadmin_workflows:enable_task": admin(DENY, method="POST"),
    "wagtailadmin_workflows:task_chooser": admin(OK, street=OK),
    "wagtailadmin_workflows:task_chooser_results": admin(OK, street=OK),
    "wagtailadmin_workflows:task_chooser_create": admin(OK, street=OK),
    "wagtailadmin_workflows:task_chosen": admin(OK, street=OK),
    "wagtailadmin_reports:locked_pages": admin(OK),
    "wagtailadmin_reports:locked_pages_results": admin(OK),
    "wagtailadmin_reports:workflow": admin(OK, street=OK),
    "wagtailadmin_reports:workflow_results": admin(OK, street=OK),
    "wagtailadmin_reports:workflow_tasks": admin(OK, street=OK),
    "wagtailadmin_reports:workflow_tasks_results": admin(OK, street=OK),
    "wagtailadmin_reports:site_history": admin(OK, street=OK),
    "wagtailadmin_reports:site_history_results": admin(OK, street=OK),
    "wagtailadmin_reports:aging_pages": admin(OK, street=OK),
    "wagtailadmin_reports:aging_pages_results": admin(OK, street=OK),
    "wagtailadmin_reports:page_types_usage": admin(OK, street=OK),
    "wagtailadmin_reports:page_types_usage_results": admin(OK, street=OK),
    "wagtailadmin_account": admin(OK, street=OK),
    "wagtailadmin_logout": post(LOGIN),
    "wagtailadmin_dismissibles": admin(OK, street=OK),
    "wagtailadmin_editing_sessions:ping": admin(OK, street=OK, other_street=NOPE, method="POST"),
    "wagtailadmin_editing_sessions:release": admin(OK, street=OK, method="POST"),
    "wagtailadmin_block_preview": admin(NOPE, street=NOPE),
    "core_background": admin(OK),
    "orders_disputes:queue": admin(OK),
    "orders_disputes:decide": admin(OK),
    "listings_moderation:queue": admin(OK),
    "listings_moderation:detail": admin(OK),
    "wagtailforms:index": admin(OK, street=OK),
    "wagtailforms:index_results": admin(OK, street=OK),
    "wagtailforms:list_submissions": admin(NOPE, street=NOPE),
    "wagtailforms:list_submissions_results": admin(NOPE, street=NOPE),
    "wagtailforms:delete_submissions": admin(DENY),
    "wagtailredirects:index": admin(DENY),
    "wagtailredirects:index_results": admin(DENY),
    "wagtailredirects:add": admin(DENY),
    "wagtailredirects:edit": admin(DENY),
    "wagtailredirects:delete": admin(DENY),
    "wagtailredirects:start_import": admin(DENY),
    "wagtailredirects:process_import": admin(DENY),
    "cms/settings/<slug:app_name>/<slug:model_name>/": admin(NOPE, street=NOPE),
    "cms/settings/<slug:app_name>/<slug:model_name>/<int:pk>/": admin(NOPE, street=NOPE),
    "wagtailsettings:preview_on_edit": admin(NOPE, street=NOPE),
    "wagtailembeds:chooser": admin(OK, street=OK),
    "wagtailembeds:chooser_upload": admin(OK, street=OK),
    "wagtailsnippets:index": admin(DENY),
    "wagtaildocs:index": admin(OK),
    "wagtaildocs:index_results": admin(OK),
    "wagtaildocs:add": admin(OK),
    "wagtaildocs:edit": admin(OK),
    "wagtaildocs:delete": admin(OK),
    "wagtaildocs:add_multiple": admin(OK),
    "wagtaildocs:edit_multiple": admin(OK, method="POST"),
    "wagtaildocs:create_multiple_from_uploaded_document": admin(NOPE, street=NOPE, method="POST"),
    "wagtaildocs:delete_multiple": admin(OK, method="POST"),
    "wagtaildocs:delete_upload_multiple": admin(NOPE, street=NOPE, method="POST"),
    "wagtaildocs:document_usage": admin(OK),
    "wagtailimages:index": admin(OK),
    "wagtailimages:index_results": admin(OK),
    "wagtailimages:edit": admin(OK),
    "wagtailimages:delete": admin(OK),
    "wagtailimages:url_generator": admin(NOPE),
    "wagtailimages:url_generator_output": admin(NOPE),
    "wagtailimages:preview": admin(OK),
    "wagtailimages:add": admin(OK),
    "wagtailimages:image_usage": admin(OK),
    "wagtailimages:add_multiple": admin(OK),
    "wagtailimages:edit_multiple": admin(OK, method="POST"),
    "wagtailimages:create_multiple_from_uploaded_image": admin(NOPE, street=NOPE, method="POST"),
    "wagtailimages:delete_multiple": admin(OK, method="POST"),
    "wagtailimages:delete_upload_multiple": admin(NOPE, street=NOPE, method="POST"),
    "wagtailsnippets_listings_riskrule:list": admin(OK),
    "wagtailsnippets_listings_riskrule:list_results": admin(OK),
    "wagtailsnippets_listings_riskrule:add": admin(OK),
    "wagtailsnippets_listings_riskrule:edit": admin(OK),
    "wagtailsnippets_listings_riskrule:delete": admin(DENY),
    "wagtailsnippets_listings_riskrule:usage": admin(OK),
    "wagtailsnippets_listings_riskrule:history": admin(OK),
    "wagtailsnippets_listings_riskrule:history_results": admin(OK),
    "wagtailsnippets_listings_riskrule:copy": admin(OK),
    "wagtailsnippets_listings_riskrule:revisions_revert": admin(NOPE, street=NOPE),
    "wagtailsnippets_listings_riskrule:revisions_compare": admin(NOPE),
    "wagtailsnippetchoosers_listings_riskrule:choose": admin(OK),
    "wagtailsnippetchoosers_listings_riskrule:choose_results": admin(OK),
    "wagtailsnippetchoosers_listings_riskrule:chosen": admin(OK),
    "wagtailsnippetchoosers_listings_riskrule:chosen_multiple": admin(OK),
    "wagtailsnippetchoosers_listings_riskrule:create": admin(OK),
    # Search dictionary (platform staff edit it as data)
    "wagtailsnippets_search_synonym:list": admin(OK),
    "wagtailsnippets_search_synonym:list_results": admin(OK),
    "wagtailsnippets_search_synonym:add": admin(OK),
    "wagtailsnippets_search_synonym:edit": admin(OK),
    "wagtailsnippets_search_synonym:delete": admin(DENY),
    "wagtailsnippets_search_synonym:usage": admin(OK),
    "wagtailsnippets_search_synonym:history": admin(OK),
    "wagtailsnippets_search_synonym:history_results": admin(OK),
    "wagtailsnippets_search_synonym:copy": admin(OK),
    "wagtailsnippetchoosers_search_synonym:choose": admin(OK),
    "wagtailsnippetchoosers_search_synonym:choose_results": admin(OK),
    "wagtailsnippetchoosers_search_synonym:chosen": admin(OK),
    "wagtailsnippetchoosers_search_synonym:chosen_multiple": admin(OK),
    "wagtailsnippetchoosers_search_synonym:create": admin(OK),
    "wagtailsnippets_listings_prohibiteditem:list": admin(OK),
    "wagtailsnippets_listings_prohibiteditem:list_results": admin(OK),
    "wagtailsnippets_listings_prohibiteditem:add": admin(OK),
    "wagtailsnippets_listings_prohibiteditem:edit": admin(OK),
    "wagtailsnippets_listings_prohibiteditem:delete": admin(DENY),
    "wagtailsnippets_listings_prohibiteditem:usage": admin(OK),
    "wagtailsnippets_listings_prohibiteditem:history": admin(OK),
    "wagtailsnippets_listings_prohibiteditem:history_results": admin(OK),
    "wagtailsnippets_listings_prohibiteditem:copy": admin(OK),
    "wagtailsnippets_listings_prohibiteditem:revisions_revert": admin(NOPE, street=NOPE),
    "wagtailsnippets_listings_prohibiteditem:revisions_compare": admin(NOPE),
    "wagtailsnippetchoosers_listings_prohibiteditem:choose": admin(OK),
    "wagtailsnippetchoosers_listings_prohibiteditem:choose_results": admin(OK),
    "wagtailsnippetchoosers_listings_prohibiteditem:chosen": admin(OK),
    "wagtailsnippetchoosers_listings_prohibiteditem:chosen_multiple": admin(OK),
    "wagtailsnippetchoosers_listings_prohibiteditem:create": admin(OK),
    "wagtailsnippets_listings_category:list": admin(OK),
    "wagtailsnippets_listings_category:list_results": admin(OK),
    "wagtailsnippets_listings_category:add": admin(OK),
    "wagtailsnippets_listings_category:edit": admin(OK),
    "wagtailsnippets_listings_category:delete": admin(DENY),
    "wagtailsnippets_listings_category:usage": admin(OK),
    "wagtailsnippets_listings_category:history": admin(OK),
    "wagtailsnippets_listings_category:history_results": admin(OK),
    "wagtailsnippets_listings_category:copy": admin(OK),
    "wagtailsnippetchoosers_listings_category:choose": admin(OK, street=OK),
    "wagtailsnippetchoosers_listings_category:choose_results": admin(OK, street=OK),
    "wagtailsnippetchoosers_listings_category:chosen": admin(OK, street=OK),
    "wagtailsnippetchoosers_listings_category:chosen_multiple": admin(OK, street=OK),
    "wagtailsnippetchoosers_listings_category:create": admin(OK),
    "wagtailsnippets_appraisal_agency:list": admin(OK),
    "wagtailsnippets_appraisal_agency:list_results": admin(OK),
    "wagtailsnippets_appraisal_agency:add": admin(OK),
    "wagtailsnippets_appraisal_agency:edit": admin(OK),
    "wagtailsnippets_appraisal_agency:delete": admin(DENY),
    "wagtailsnippets_appraisal_agency:usage": admin(OK),
    "wagtailsnippets_appraisal_agency:history": admin(OK),
    "wagtailsnippets_appraisal_agency:history_results": admin(OK),
    "wagtailsnippets_appraisal_agency:copy": admin(OK),
    "wagtailsnippetchoosers_appraisal_agency:choose": admin(OK, street=OK),
    "wagtailsnippetchoosers_appraisal_agency:choose_results": admin(OK, street=OK),
    "wagtailsnippetchoosers_appraisal_agency:chosen": admin(OK, street=OK),
    "wagtailsnippetchoosers_appraisal_agency:chosen_multiple": admin(OK, street=OK),
    "wagtailsnippetchoosers_appraisal_agency:create": admin(OK),
    "wagtailsnippets_appraisal_appraiser:list": admin(OK),
    "wagtailsnippets_appraisal_appraiser:list_results": admin(OK),
    "wagtailsnippets_appraisal_appraiser:add": admin(OK),
    "wagtailsnippets_appraisal_appraiser:edit": admin(OK),
    "wagtailsnippets_appraisal_appraiser:delete": admin(DENY),
    "wagtailsnippets_appraisal_appraiser:usage": admin(OK),
    "wagtailsnippets_appraisal_appraiser:history": admin(OK),
    "wagtailsnippets_appraisal_appraiser:history_results": admin(OK),
    "wagtailsnippets_appraisal_appraiser:copy": admin(OK),
    "wagtailsnippetchoosers_appraisal_appraiser:choose": admin(OK, street=OK),
    "wagtailsnippetchoosers_appraisal_appraiser:choose_results": admin(OK, street=OK),
    "wagtailsnippetchoosers_appraisal_appraiser:chosen": admin(OK, street=OK),
    "wagtailsnippetchoosers_appraisal_appraiser:chosen_multiple": admin(OK, street=OK),
    "wagtailsnippetchoosers_appraisal_appraiser:create": admin(OK),
    "wagtailsnippets_appraisal_defectcode:list": admin(OK),
    "wagtailsnippets_appraisal_defectcode:list_results": admin(OK),
    "wagtailsnippets_appraisal_defectcode:add": admin(OK),
    "wagtailsnippets_appraisal_defectcode:edit": admin(OK),
    "wagtailsnippets_appraisal_defectcode:delete": admin(DENY),
    "wagtailsnippets_appraisal_defectcode:usage": admin(OK),
    "wagtailsnippets_appraisal_defectcode:history": admin(OK),
    "wagtailsnippets_appraisal_defectcode:history_results": admin(OK),
    "wagtailsnippets_appraisal_defectcode:copy": admin(OK),
    "wagtailsnippetchoosers_appraisal_defectcode:choose": admin(OK, street=OK),
    "wagtailsnippetchoosers_appraisal_defectcode:choose_results": admin(OK, street=OK),
    "wagtailsnippetchoosers_appraisal_defectcode:chosen": admin(OK, street=OK),
    "wagtailsnippetchoosers_appraisal_defectcode:chosen_multiple": admin(OK, street=OK),
    "wagtailsnippetchoosers_appraisal_defectcode:create": admin(OK),
    "wagtailsnippets_regulation_rightsholder:list": admin(OK),
    "wagtailsnippets_regulation_rightsholder:list_results": admin(OK),
    "wagtailsnippets_regulation_rightsholder:add": admin(OK),
    "wagtailsnippets_regulation_rightsholder:edit": admin(OK),
    "wagtailsnippets_regulation_rightsholder:delete": admin(DENY),
    "wagtailsnippets_regulation_rightsholder:usage": admin(OK),
    "wagtailsnippets_regulation_rightsholder:history": admin(OK),
    "wagtailsnippets_regulation_rightsholder:history_results": admin(OK),
    "wagtailsnippets_regulation_rightsholder:copy": admin(OK),
    "wagtailsnippets_regulation_rightsholder:verify": admin(OK),
    "wagtailsnippetchoosers_regulation_rightsholder:choose": admin(OK, street=OK),
    "wagtailsnippetchoosers_regulation_rightsholder:choose_results": admin(OK, street=OK),
    "wagtailsnippetchoosers_regulation_rightsholder:chosen": admin(OK, street=OK),
    "wagtailsnippetchoosers_regulation_rightsholder:chosen_multiple": admin(OK, street=OK),
    "wagtailsnippetchoosers_regulation_rightsholder:create": admin(OK),
    "wagtailsnippets_regulation_pushdelivery:list": admin(OK),
    "wagtailsnippets_regulation_pushdelivery:list_results": admin(OK),
    "wagtailsnippets_regulation_pushdelivery:add": admin(DENY),
    "wagtailsnippets_regulation_pushdelivery:edit": admin(OK),
    "wagtailsnippets_regulation_pushdelivery:delete": admin(DENY),
    "wagtailsnippets_regulation_pushdelivery:usage": admin(OK),
    "wagtailsnippets_regulation_pushdelivery:history": admin(OK),
    "wagtailsnippets_regulation_pushdelivery:history_results": admin(OK),
    "wagtailsnippets_regulation_pushdelivery:copy": admin(DENY),
    "wagtailsnippets_regulation_pushdelivery:inspect": admin(OK),
    "wagtailsnippets_regulation_pushdelivery:requeue": admin(OK),
    "wagtailsnippetchoosers_regulation_pushdelivery:choose": admin(OK, street=OK),
    "wagtailsnippetchoosers_regulation_pushdelivery:choose_results": admin(OK, street=OK),
    "wagtailsnippetchoosers_regulation_pushdelivery:chosen": admin(OK, street=OK),
    "wagtailsnippetchoosers_regulation_pushdelivery:chosen_multiple": admin(OK, street=OK),
    "wagtailsnippetchoosers_regulation_pushdelivery:create": admin(DENY),
    "wagtailsites:index": admin(DENY),
    "wagtailsites:index_results": admin(DENY),
    "wagtailsites:add": admin(DENY),
    "wagtailsites:edit": admin(DENY),
    "wagtailsites:delete": admin(DENY),
    "wagtailsites:history": admin(DENY),
    "wagtailsites:history_results": admin(DENY),
    "wagtailsites:usage": admin(DENY),
    "wagtailsites:copy": admin(DENY),
    "wagtailusers_users:index": admin(DENY),
    "wagtailusers_users:index_results": admin(DENY),
    "wagtailusers_users:add": admin(DENY),
    "wagtailusers_users:edit": admin(DENY),
    "wagtailusers_users:delete": admin(DENY),
    "wagtailusers_users:history": admin(DENY),
    "wagtailusers_users:history_results": admin(DENY),
    "wagtailusers_users:usage": admin(DENY),
    "wagtailusers_users:copy": admin(DENY),
    "wagtailusers_groups:index": admin(DENY),
    "wagtailusers_groups:index_results": admin(DENY),
    "wagtailusers_groups:add": admin(DENY),
    "wagtailusers_groups:edit": admin(DENY),
    "wagtailusers_groups:delete": admin(DENY),
    "wagtailusers_groups:history": admin(DENY),
    "wagtailusers_groups:history_results": admin(DENY),
    "wagtailusers_groups:usage": admin(DENY),
    "wagtaildocs_chooser:choose": admin(OK, street=OK),
    "wagtaildocs_chooser:choose_results": admin(OK, street=OK),
    "wagtaildocs_chooser:chosen": admin(OK),
    "wagtaildocs_chooser:chosen_multiple": admin(OK, street=OK),
    "wagtaildocs_chooser:create": admin(OK),
    "wagtailimages_chooser:choose": admin(OK, street=OK),
    "wagtailimages_chooser:choose_results": admin(OK, street=OK),
    "wagtailimages_chooser:chosen": admin(OK),
    "wagtailimages_chooser:chosen_multiple": admin(OK, street=OK),
    "wagtailimages_chooser:create": admin(OK),
    "wagtailimages_chooser:select_format": admin(OK),
    "wagtailadmin_sprite": row(OK),
    "wagtailadmin_login": row(LOGIN),
    "wagtailadmin_password_reset": row(AWAY),
    "wagtailadmin_password_reset_done": row(AWAY),
    "wagtailadmin_password_reset_confirm": row(AWAY),
    "wagtailadmin_password_reset_complete": row(AWAY),
    "wagtailadmin_javascript_catalog": row(OK),
    "cms/^.*/$": admin(NOPE, street=NOPE),
    "wagtaildocs_serve": row(NOPE),
    "wagtaildocs_authenticate_with_password": row(NOPE),
    "wagtailcore_authenticate_with_password": row(NOPE),
    "wagtailcore_login": row(OK),
    "wagtail_serve": row(OK),
}


# --- The URL patterns ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Pattern:
    key: str  # the row's key: the URL name, or the route where the name is missing or shared
    name: str | None
    route: str
    pattern: URLPattern


def url_patterns() -> list[Pattern]:
    found: list[tuple[str | None, str, URLPattern]] = []

    def walk(patterns, prefix: str, namespace: str | None) -> None:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                inner = namespace
                if entry.namespace:
                    inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
                walk(entry.url_patterns, prefix + str(entry.pattern), inner)
            elif isinstance(entry, URLPattern):
                name = entry.name and (f"{namespace}:{entry.name}" if namespace else entry.name)
                found.append((name, prefix + str(entry.pattern), entry))

    walk(get_resolver().url_patterns, "", None)
    counts: dict[str | None, int] = {}
    for name, _route, _entry in found:
        counts[name] = counts.get(name, 0) + 1
    return [
        Pattern(name if name and counts[name] == 1 else route, name, route, entry)
        for name, route, entry in found
    ]


# --- The world -------------------------------------------------------------------------------------
def build_world() -> dict:
    """One of everything a URL can point at, and a signed-in client per role."""
    from django.contrib.auth.models import Group
    from django.core.files.base import ContentFile
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.documents.models import Document
    from wagtail.images.models import Image
    from wagtail.models import Collection, Page, Site, Workflow, WorkflowTask

    from appraisal import services as appraisal_services
    from appraisal.models import Agency, AppraisalCase, Appraiser, DefectCode
    from community_events import services as event_services
    from community_events.models import EventIndexPage
    from listings.models import Category, ProhibitedItem, RiskRule
    from marketplace.accounts.services import set_role, verify_identity
    from marketplace.geography.models import District, Street
    from regulation.models import RightsHolder
    from search.models import SavedSearch, Synonym
    from tests.accounts.factories import SupervisionOfficeFactory, UserFactory, give_totp, sign_in
    from tests.appraisal.factories import AppraisalReportFactory, AppraiserFactory, inspected_case
    from tests.community_events.factories import make_event
    from tests.listings.factories import ListingFactory, add_photos, category
    from tests.media.images import make_image
    from tests.orders.factories import DisputeFactory, OrderFactory, SwapAgreementFactory
    from tests.regulation.factories import (
        FlagFactory,
        IPNoticeFactory,
        PushDeliveryFactory,
        RightsHolderFactory,
    )

    users = {}
    users["resident"] = UserFactory(display_name="居民")
    seller = users["seller"] = UserFactory(display_name="卖家")
    verify_identity(seller, real_name="王小明", id_number="120104199003070012")
    users["buyer"] = UserFactory(display_name="买家")
    for role, code in (("street_staff", "120104007"), ("other_street_staff", "120104002")):
        users[role] = UserFactory()
        set_role(users[role], "street_staff", street=Street.objects.get(code=code))
    first = AppraiserFactory(specialities=("electronics", "vehicles", "luxury"), totp=True)
    second = AppraiserFactory(specialities=("electronics", "vehicles"), totp=True)
    users["appraiser"], users["reviewer"] = first.user, second.user
    users["regulator"] = UserFactory(regulator=True)
    heping = District.objects.create(code="120101", name="和平区")
    Street.objects.create(district=heping, code="120101001", name="劝业场街道")
    users["other_regulator"] = UserFactory()
    set_role(
        users["other_regulator"],
        "regulator",
        supervision_office=SupervisionOfficeFactory(name="和平区市场监督管理局", district=heping),
    )
    users["platform_staff"] = UserFactory()
    set_role(users["platform_staff"], "platform_staff")
    holder = RightsHolderFactory(verified=True)
    users["rights_holder"] = holder.user
    for role in ("regulator", "other_regulator", "platform_staff"):
        give_totp(users[role])

    listing = ListingFactory(seller=seller, published=True, title="实木书桌")
    add_photos(listing)
    for_sale = ListingFactory(seller=seller, published=True, title="台灯")
    swap_listing = ListingFactory(seller=seller, published=True, trade_mode="swap", price=None, title="乐高")
    phone = ListingFactory(
        seller=seller,
        published=True,
        category=category("phones"),
        title="小米 12S",
        attributes={"imei": "356938035643809", "brand": "小米", "model": "12S"},
    )
    held = ListingFactory(seller=seller, pending=True, title="待审核的书桌")
    order = OrderFactory(listing=ListingFactory(seller=seller, reserved=True), buyer=users["buyer"])
    dispute = DisputeFactory(
        order=OrderFactory(
            listing=ListingFactory(seller=seller, published=True), buyer=users["buyer"], disputed=True
        )
    )
    swap = SwapAgreementFactory(listing=swap_listing, proposer=users["buyer"])
    saved = SavedSearch.objects.create(user=users["buyer"], name="书桌", query={"q": "书桌"})

    from decimal import Decimal as D

    car = ListingFactory(
        seller=seller,
        published=True,
        category=category("vehicles"),
        title="大众朗逸 2019",
        price="90000",
        attributes={"vin": "LSVAU2180N2183294", "plate": "津A12345"},
    )
    case = appraisal_services.grade_case(inspected_case(car, first), actor=first.user)
    factors = dict.fromkeys(["technical", "maintenance", "build_quality", "usage", "conditions"], D("0.9"))
    case = appraisal_services.value_case(
        case,
        actor=first.user,
        replacement_cost=D("150000"),
        used_months=60,
        life_months=180,
        condition="90",
        factors=factors,
    )
    assert case.status == AppraisalCase.Status.IN_REVIEW
    report = AppraisalReportFactory(case=inspected_case(phone, first))

    event = make_event(street_code="120104007")
    registration = event_services.register(event, user=users["resident"], kind="stall")
    flag = FlagFactory(listing=listing, severity="high")
    notice = IPNoticeFactory(rights_holder=holder, listing=ListingFactory(seller=seller, status="removed"))
    delivery = PushDeliveryFactory()

    collection = Collection.get_first_root_node()
    image = Image.objects.create(title="示例", file=ContentFile(make_image(seed=5), name="sample.jpg"))
    document = Document.objects.create(title="示例", file=ContentFile(b"%PDF-1.4 sample", name="sample.pdf"))
    redirect = Redirect.objects.create(old_path="/old-page", redirect_link="/")
    index = EventIndexPage.objects.get()
    world = {
        "users": users,
        "listing": listing.pk,
        "for_sale": for_sale.pk,
        "swap_listing": swap_listing.pk,
        "phone": phone.pk,
        "held": held.pk,
        "order": order.pk,
        "dispute": dispute.pk,
        "swap": swap.pk,
        "saved": saved.pk,
        "case": case.pk,
        "item_code": case.template.items.first().code,
        "report": report.number,
        "event": event.pk,
        "ticket": registration.ticket_code,
        "flag": flag.pk,
        "notice": notice.pk,
        "home": Site.objects.get(is_default_site=True).root_page_id,
        "index": index.pk,
        "revision": event.latest_revision_id or Page.objects.get(pk=event.pk).latest_revision_id or 1,
        "collection": collection.pk,
        "image": image.pk,
        "document": document.pk,
        "redirect": redirect.pk,
        "site": Site.objects.get(is_default_site=True).pk,
        "group": Group.objects.get(name="street_staff").pk,
        "workflow": Workflow.objects.first().pk if Workflow.objects.exists() else 1,
        "task": WorkflowTask.objects.first().task_id if WorkflowTask.objects.exists() else 1,
        "snippets": {
            "listings_riskrule": RiskRule.objects.first().pk,
            "listings_category": Category.objects.first().pk,
            "listings_prohibiteditem": ProhibitedItem.objects.first().pk,
            "appraisal_agency": Agency.objects.first().pk,
            "appraisal_appraiser": Appraiser.objects.first().pk,
            "appraisal_defectcode": DefectCode.objects.first().pk,
            "regulation_rightsholder": RightsHolder.objects.first().pk,
            "regulation_pushdelivery": delivery.pk,
            "search_synonym": Synonym.objects.get_or_create(term="矩阵测试词")[0].pk,
        },
    }
    clients = {"anonymous": Client(raise_request_exception=False)}
    for role, user in users.items():
        needs_code = role in ("appraiser", "reviewer", "regulator", "other_regulator", "platform_staff")
        clients[role] = sign_in(Client(raise_request_exception=False), user, second_factor=needs_code)
    world["clients"] = clients
    return world


# --- Requests --------------------------------------------------------------------------------------
SAMPLE_ID = 999_999  # for objects the world has none of: the view must answer 404, not 500

# What a parameter means depends on where it is: (URL-name prefix, parameter) → world key.
OBJECTS = [
    ("listings:seller", "user_id", lambda w: w["users"]["seller"].pk),
    ("listings:", "pk", "listing"),
    ("orders:buy", "listing_pk", "for_sale"),
    ("orders:propose_swap", "listing_pk", "swap_listing"),
    ("orders:swap_action", "pk", "swap"),
    ("orders:", "pk", "order"),
    ("orders_disputes:", "pk", "dispute"),
    ("search:", "pk", "saved"),
    ("appraisal:request", "listing_pk", "phone"),
    ("appraisal:", "pk", "case"),
    ("appraisal:", "item_code", "item_code"),
    ("appraisal:", "number", "report"),
    ("community_events:street_report", "code", lambda w: "120104007"),
    ("community_events:", "code", "ticket"),
    ("community_events:", "pk", "event"),
    ("regulation:counter", "pk", "notice"),
    ("regulation:complaint", "pk", "notice"),
    ("regulation:uphold", "pk", "notice"),
    ("regulation:withdraw", "pk", "notice"),
    ("regulation:frozen_photo", "index", lambda w: 0),
    ("regulation:", "pk", "flag"),
    ("regulation:", "fmt", lambda w: "csv"),
    ("listings_moderation:", "pk", "held"),
    ("wagtailadmin_api:pages", "pk", "home"),
    ("wagtailadmin_api:documents", "pk", "document"),
    ("wagtailadmin_api:images", "pk", "image"),
    ("wagtailadmin_api:", "action_name", lambda w: "copy"),
    ("wagtailadmin_collections:", "pk", "collection"),
    ("wagtailadmin_workflows:", "pk", "workflow"),
    ("wagtailadmin_workflows:", "page_pk", "event"),
    ("wagtailadmin_workflows:", "workflow_pk", "workflow"),
    ("wagtailadmin_workflows:add_task", "app_label", lambda w: "wagtailcore"),
    ("wagtailadmin_workflows:add_task", "model_name", lambda w: "groupapprovaltask"),
    ("wagtailadmin_workflows:", "task_id", "task"),
    ("wagtailsites:", "pk", "site"),
    ("wagtailusers_users:", "pk", lambda w: w["users"]["seller"].pk),
    ("wagtailusers_groups:", "pk", "group"),
    ("wagtaildocs", "pk", "document"),
    ("wagtailimages", "pk", "image"),
    ("wagtail_bulk_action", "app_label", lambda w: "wagtailcore"),
    ("wagtail_bulk_action", "model_name", lambda w: "page"),
    ("wagtail_bulk_action", "action", lambda w: "delete"),
    ("wagtailadmin_pages:choose_parent", "app_label", lambda w: "community_events"),
    ("wagtailadmin_pages:choose_parent", "model_name", lambda w: "swapeventpage"),
    ("wagtailadmin_explore", "parent_page_id", "index"),
    ("wagtailadmin_choose_page_child", "parent_page_id", "index"),
    ("wagtailadmin_pages:", "parent_page_id", "index"),
    ("wagtailadmin_pages:", "destination_id", "index"),
    ("wagtailadmin_pages:", "action_name", lambda w: "approve"),
    ("wagtailadmin_editing_sessions:", "app_label", lambda w: "wagtailcore"),
    ("wagtailadmin_editing_sessions:", "model_name", lambda w: "page"),
    ("wagtailadmin_editing_sessions:", "object_id", lambda w: str(w["event"])),
    ("wagtailadmin_tag_model_autocomplete", "app_name", lambda w: "wagtailimages"),
    ("wagtailadmin_tag_model_autocomplete", "model_name", lambda w: "image"),
    ("wagtailsettings:", "app_name", lambda w: "wagtailcore"),
    ("wagtailsettings:", "model_name", lambda w: "site"),
    ("wagtailforms:", "page_id", "event"),
]
# Parameters that mean the same wherever they are.
PARAMETERS = {
    "page_id": "event",
    "page_to_move_id": "event",
    "revision_id": "revision",
    "content_type_app_name": lambda w: "community_events",
    "content_type_model_name": lambda w: "swapeventpage",
    "image_id": "image",
    "document_id": "document",
    "doc_id": "document",
    "redirect_id": "redirect",
    "collection_id": "collection",
    "filter_spec": lambda w: "original",
    "uidb64": lambda w: "MQ",
    "uidb36": lambda w: "1",
    "token": lambda w: "set-password",
    "key": lambda w: "abc-def",
}


def snippet_object(name: str, world: dict):
    for prefix in ("wagtailsnippets_", "wagtailsnippetchoosers_"):
        if name.startswith(prefix):
            return world["snippets"].get(name[len(prefix) :].split(":")[0])
    return None


def value_for(name: str, parameter: str, world: dict):
    snippet = snippet_object(name, world)
    if snippet is not None and parameter == "pk":
        return snippet
    for prefix, param, source in OBJECTS:
        if param == parameter and name.startswith(prefix):
            return source(world) if callable(source) else world[source]
    if parameter in PARAMETERS:
        source = PARAMETERS[parameter]
        return source(world) if callable(source) else world[source]
    return SAMPLE_ID


# Patterns that cannot be reversed from a name and parameters.
SAMPLE_PATHS = {
    "wagtail_serve": lambda w: "/",
    "wagtaildocs_serve": lambda w: f"/documents/{w['document']}/sample.pdf",
    "cms/login/": lambda w: "/cms/login/",
    "^cms/password_reset/": lambda w: "/cms/password_reset/",
    "cms/test404/": lambda w: "/cms/test404/",
    "cms/^.*/$": lambda w: "/cms/no-such-page/",
}


def url_for(pattern: Pattern, world: dict) -> str:
    if pattern.key in SAMPLE_PATHS:
        return SAMPLE_PATHS[pattern.key](world)
    parameters = list(pattern.pattern.pattern.regex.groupindex)
    kwargs = {parameter: value_for(pattern.name, parameter, world) for parameter in parameters}
    if "revision_id_a" in kwargs:
        kwargs.update(revision_id_a="earliest", revision_id_b="latest")
    return reverse(pattern.name, kwargs=kwargs)


def outcome_of(response) -> str:
    code = response.status_code
    if code in (301, 302, 303, 307, 308):
        target = response["Location"]
        if target.startswith((reverse("account_login"), "/cms/login/")):
            return LOGIN
        if target.split("?")[0] == reverse("wagtailadmin_home"):
            return DENY  # Wagtail's "you do not have permission" goes back to the admin home
        queued = getattr(getattr(response.wsgi_request, "_messages", None), "_queued_messages", [])
        if any(message.level >= message_levels.ERROR for message in queued):
            return REFUSED
        return AWAY
    if 200 <= code < 300:
        return OK
    return str(code)


def request(client: Client, method: str, url: str) -> str:
    """One request in a savepoint that is rolled back; the client keeps the session it had (a view that
    signs out or rotates the session key would otherwise sign the role out for the rest of the walk)."""
    cache.clear()  # rate limits count every request of the walk otherwise
    session_cookie = client.cookies.get(settings.SESSION_COOKIE_NAME)
    with transaction.atomic():
        if method == "POST":  # an empty JSON body: no form data, and nothing parsed as an upload
            response = client.post(url, "{}", content_type="application/json")
        else:
            response = client.get(url)
        transaction.set_rollback(True)
    if session_cookie is not None:
        client.cookies[settings.SESSION_COOKIE_NAME] = session_cookie.value
    elif settings.SESSION_COOKIE_NAME in client.cookies:
        del client.cookies[settings.SESSION_COOKIE_NAME]
    return outcome_of(response)


# --- The tests -------------------------------------------------------------------------------------
def test_every_url_pattern_has_a_row():
    keys = {pattern.key for pattern in url_patterns()}
    missing = sorted(keys - set(MATRIX))
    assert not missing, "\n".join(f"add a row for {key}" for key in missing)
    stale = sorted(set(MATRIX) - keys)
    assert not stale, "\n".join(f"remove the row for {key}: no such URL pattern" for key in stale)


@pytest.mark.slow  # some 5,000 requests
def test_every_role_gets_the_expected_outcome_on_every_url():
    world = build_world()
    observed: dict[str, dict[str, str]] = {}
    wrong = []
    for pattern in url_patterns():
        entry = MATRIX.get(pattern.key)
        method = entry.method if entry else "GET"
        url = url_for(pattern, world)
        observed[pattern.key] = {"method": method, "url": url}
        for role in ROLES:
            got = request(world["clients"][role], method, url)
            observed[pattern.key][role] = got
            if entry and got != entry.expect[role]:
                wrong.append(
                    f"{method} {url} ({pattern.key}) as {role}: expected {entry.expect[role]}, got {got}"
                )
    dump = os.environ.get("MATRIX_DUMP")
    if dump:
        with open(dump, "w", encoding="utf-8") as handle:
            json.dump(observed, handle, ensure_ascii=False, indent=1)
        return
    assert not wrong, f"{len(wrong)} outcomes differ from the table:\n" + "\n".join(wrong)
