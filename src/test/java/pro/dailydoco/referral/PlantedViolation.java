package pro.dailydoco.referral;

import pro.dailydoco.account.signin.AuthResource;
import pro.dailydoco.admin.AdminOverview;
import pro.dailydoco.billing.StripeGateway;
import pro.dailydoco.operator.OperatorService;

/** Test only: an import the layout rules forbid, which LayoutTest proves its rules catch. Never used at run time. */
public class PlantedViolation {

    StripeGateway stripe;
    OperatorService operator;
    AdminOverview admin;
    AuthResource signInPage;
}
