// GiamNgheo backend: an Azure Functions app on the .NET 10 isolated worker (ASP.NET Core integration, Durable
// Functions on the Azure Storage provider) on the Flex Consumption plan (Linux), with identity-only access to its
// storage account.
//
// Deploy in two steps (see infra/README.md):
//   1. this template with deployBlobEventSubscription=false, then deploy the code (OneDeploy);
//   2. this template again with deployBlobEventSubscription=true: the Event Grid subscription for the
//      score-survey blob trigger needs the blobs_extension system key, which exists only once the code runs.
//
// Flex Consumption: the runtime is declared in functionAppConfig.runtime and the package lives in a blob
// container, so FUNCTIONS_WORKER_RUNTIME, WEBSITE_RUN_FROM_PACKAGE, WEBSITE_CONTENT* and linuxFxVersion are
// deliberately absent (they are deprecated or ignored on Flex). Every app setting below is either read by the code
// (functions/GiamNgheo.Functions/Configuration/AppSettings.cs) or listed, with its reason, in infra/README.md
// ("Settings only the host, the platform or an extension reads"); a test checks both directions.

targetScope = 'resourceGroup'

// ---------------------------------------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------------------------------------

@description('Region for every resource. It must offer Flex Consumption: az functionapp list-flexconsumption-locations.')
param location string = resourceGroup().location

@description('Short lowercase prefix for resource names: letters, digits and hyphens. The app name stays under 32 characters so the host ID is not truncated.')
@minLength(3)
@maxLength(12)
param namePrefix string = 'giamngheo'

@description('Memory of each instance in MB. Flex Consumption offers 512, 2048 and 4096.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Most instances the app may scale out to. The 2024 preview docs gave 40 as the lowest allowed value, later ones 1 (unverified); 1000 is the highest.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Create the Event Grid subscription that drives the score-survey blob trigger. Leave false until the code is deployed: it needs the blobs_extension system key.')
param deployBlobEventSubscription bool = false

@description('Days Log Analytics keeps data.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

@description('SMTP server the reminders\' email is sent through (app setting Smtp__Host). Empty: email attempts fail visibly in the outbox and retry until it is set.')
param smtpHost string = ''

@description('SMTP port (Smtp__Port).')
@minValue(1)
@maxValue(65535)
param smtpPort int = 587

@description('SMTP connection security (Smtp__Security).')
@allowed([
  'StartTls'
  'SslOnConnect'
  'StartTlsWhenAvailable'
  'Auto'
  'None'
])
param smtpSecurity string = 'StartTls'

@description('From address of the email (Smtp__SenderAddress); also the domain of its Message-Ids.')
param smtpSenderAddress string = ''

@description('From display name of the email (Smtp__SenderName).')
param smtpSenderName string = 'Hệ thống GiamNgheo'

@description('SMTP authentication user (Smtp__UserName); empty sends without authenticating.')
param smtpUserName string = ''

@description('SMTP password. Stored as the Key Vault secret smtp-password when given; when empty the secret is left as it is (set it once, or with az keyvault secret set).')
@secure()
param smtpPassword string = ''

@description('HMAC key signing webhook requests. Stored as the Key Vault secret webhook-signing-key when given; when empty the secret is left as it is.')
@secure()
param webhookSigningKey string = ''

@description('Microsoft Entra tenant (directory) id whose tokens the API accepts (ADR 0009).')
param entraTenantId string = tenant().tenantId

@description('Client id of the API\'s Entra app registration: the audience of its tokens. Its app roles carry the role codes (commune-officer, province-officer, analyst, agency, admin).')
param apiClientId string

@description('Application id URI of the API registration, accepted as a second audience (e.g. api://giamngheo); empty for none.')
param apiApplicationIdUri string = ''

@description('Client id of the web app\'s Entra app registration (a public client with the SPA platform; its redirect URI is the site root, output webAppRedirectUri). The API\'s own registration may serve: then leave the default (ADR 0012).')
param webAppClientId string = apiClientId

@description('Delegated scope of the API the web app asks for; empty for <application id URI or api://apiClientId>/access_as_user.')
param webAppApiScope string = ''

@description('Token claim holding the caller\'s unit codes (a directory extension attribute emitted as an optional claim; ADR 0009).')
param unitsClaim string = 'extn.giamngheoUnits'

@description('Key of the household pseudonyms in analysts\' extracts: base64 of at least 32 random bytes (openssl rand -base64 32). Stored as the Key Vault secret pseudonym-key when given; when empty the secret is left as it is. The app does not start until the secret exists. Changing it changes every pseudonym.')
@secure()
param pseudonymKey string = ''

@description('Days an uploaded survey file (names, citizen IDs) is kept before it is deleted; the app\'s nightly sweep and the storage lifecycle rule both use it.')
@minValue(1)
param rawUploadRetentionDays int = 400

@description('Days a built province workbook is kept before it is deleted (a later request builds it again); the app\'s nightly sweep and the storage lifecycle rule both use it.')
@minValue(1)
param exportRetentionDays int = 30

@description('Tags for every resource.')
param tags object = {
  application: 'giamngheo'
}

// ---------------------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------------------

var prefix = toLower(namePrefix)
var suffix = uniqueString(resourceGroup().id, prefix)
// Storage account: 3-24 lowercase letters and digits; 2 + 9 + 13 = 24 at most.
var storageAccountName = 'st${take(replace(prefix, '-', ''), 9)}${suffix}'
var functionAppName = 'func-${prefix}-${suffix}'
var planName = 'plan-${prefix}-${suffix}'
var logAnalyticsName = 'log-${prefix}-${suffix}'
var appInsightsName = 'appi-${prefix}-${suffix}'
var storageEventsTopicName = 'evgt-${prefix}-${suffix}'
// Key Vault: 3-24 letters, digits and hyphens, globally unique; 2 + 8 + 13 = 23 at most.
var keyVaultName = 'kv${take(replace(prefix, '-', ''), 8)}${suffix}'
// The secrets the app settings reference (message delivery, ADR 0008).
var smtpPasswordSecretName = 'smtp-password'
var webhookSigningKeySecretName = 'webhook-signing-key'
var pseudonymKeySecretName = 'pseudonym-key'
// Built-in role: read secret values (the platform resolves the app's Key Vault references with the app's identity).
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

// Flex Consumption keeps the deployment package here (written by OneDeploy with the app's identity).
// The scope the web app requests when the template is given none: the API registration's exposed scope (ADR 0012).
var webAppScope = !empty(webAppApiScope) ? webAppApiScope : empty(apiApplicationIdUri) ? 'api://${apiClientId}/access_as_user' : '${apiApplicationIdUri}/access_as_user'

var deploymentContainerName = 'app-package'

// What the app and its bindings use. The host creates its own azure-webjobs-* containers and the <queue>-poison
// queues, and the Durable extension its task hub (queues, tables, containers named after the hub), with the roles
// granted below.
var surveysContainerName = 'surveys'
var blobContainerNames = [
  surveysContainerName
  'exports'
  'survey-reports'
  'change-lists'
  'household-digests'
  'outbox-messages'
  'plans'
  'plan-reports'
]
var queueNames = [
  'survey-rescore'
  'summary-refresh'
  'message-delivery'
]
var tableNames = [
  'submissions'
  'households'
  'summaries'
  'audit'
  'outbox'
  'reviews'
  'plans'
  'planreports'
]

// The blob-triggered function: [Function("score-survey")] with BlobTrigger(Source = BlobTriggerSource.EventGrid) in
// functions/GiamNgheo.Functions/Triggers/SurveyTriggers.cs.
var scoreSurveyFunctionName = 'score-survey'

// The Functions runtime stack. The version must be the string the regional Flex catalog lists for dotnet-isolated
// (az functionapp list-flexconsumption-runtimes --location <region> --runtime dotnet-isolated, field
// sku.functionAppConfigProperties.runtime.version): ARM accepts other strings and the host then fails to start.
// It follows the app's target framework (net10.0); a test checks the two together.
var functionsRuntime = {
  name: 'dotnet-isolated'
  version: '10.0'
}

// The Functions host refuses request bodies over 100 MiB (104,857,600 bytes) unless FUNCTIONS_REQUEST_BODY_SIZE_LIMIT
// says otherwise. Uploads may be 200 MiB (SurveyLimits.MaxFileBytes); the upload function lets the worker read that
// plus 1 MiB of multipart framing, so the host must let the same through: 200 MiB + 1 MiB.
var requestBodySizeLimitBytes = 210763776

// Built-in roles granted to the app's system-assigned identity on the storage account.
var storageRoles = [
  {
    // Host storage (AzureWebJobsStorage: keys, timer and singleton leases), the blob trigger (blob receipts),
    // the Flex deployment container, the app's own containers, and the Durable task hub's lease and large-message
    // containers. The Functions docs name Owner, not Contributor, for the host and the blob trigger with an
    // identity; Owner includes the Blob Data Contributor the Durable docs ask for.
    id: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
    description: 'Storage Blob Data Owner: Functions host storage, blob trigger, Flex deployment package, app containers, Durable task hub blobs.'
  }
  {
    // Queue triggers read, update and delete messages and create <queue>-poison queues; the blob trigger uses
    // webjobs-blobtrigger-poison; the app enqueues rescore and summary-refresh messages; the Durable task hub's
    // control and work-item queues are created and drained by the extension.
    id: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
    description: 'Storage Queue Data Contributor: queue triggers, poison queues, messages the app sends, Durable task hub queues.'
  }
  {
    // The app's tables (submissions, households, summaries, audit, reviews), the Durable task hub's history, instances and
    // partitions tables, and the host's diagnostic events table.
    id: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
    description: 'Storage Table Data Contributor: app tables, Durable task hub history and instances tables.'
  }
]

// ---------------------------------------------------------------------------------------------------------
// Storage: identity only (no shared keys), HTTPS only, TLS 1.2, no public blob access
// ---------------------------------------------------------------------------------------------------------

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: storageAccountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    supportsHttpsTrafficOnly: true
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    // Every client authenticates with Microsoft Entra ID: the Functions host (AzureWebJobsStorage__*), the blob and
    // queue triggers, the Durable extension, the Flex deployment (SystemAssignedIdentity) and the app's own clients
    // (DefaultAzureCredential). Flex has no Azure Files content share, the only host feature that needs a key.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowCrossTenantReplication: false
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-06-01' = {
  parent: storage
  name: 'default'
  properties: {
    deleteRetentionPolicy: {
      enabled: true
      days: 7
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: 7
    }
  }
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource blobContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = [
  for name in blobContainerNames: {
    parent: blobService
    name: name
    properties: {
      publicAccess: 'None'
    }
  }
]

// Retention (docs/personal-data.md, ADR 0009). Province workbooks are named by the content they were built from (ADR 0006): a
// newer fingerprint replaces an older one for good, and a failed build may leave its per-commune extracts behind. Anything in
// exports untouched for exportRetentionDays is removed; a workbook still current is rebuilt on the next request. Raw uploads
// hold names and citizen IDs: removed after rawUploadRetentionDays, the scored results stay. The app's nightly sweep
// (sweep-retention) deletes the same files with the same settings; these rules are the backstop when it does not run.
resource storageLifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2025-06-01' = {
  parent: storage
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'expire-old-exports'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
              ]
              prefixMatch: [
                'exports/'
              ]
            }
            actions: {
              baseBlob: {
                delete: {
                  daysAfterModificationGreaterThan: exportRetentionDays
                }
              }
            }
          }
        }
        {
          name: 'expire-raw-uploads'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
              ]
              prefixMatch: [
                'surveys/'
              ]
            }
            actions: {
              baseBlob: {
                delete: {
                  daysAfterModificationGreaterThan: rawUploadRetentionDays
                }
              }
            }
          }
        }
      ]
    }
  }
  dependsOn: [
    blobContainers
  ]
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2025-06-01' = {
  parent: storage
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-06-01' = [
  for name in queueNames: {
    parent: queueService
    name: name
  }
]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2025-06-01' = {
  parent: storage
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2025-06-01' = [
  for name in tableNames: {
    parent: tableService
    name: name
  }
]

// ---------------------------------------------------------------------------------------------------------
// Key Vault: the secrets of message delivery (SMTP password, webhook signing key) and the pseudonym key, read through Key Vault references
// ---------------------------------------------------------------------------------------------------------

resource keyVault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: keyVaultName
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    // Access by Azure roles only (no access policies): the app's identity gets Key Vault Secrets User below.
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

// Written only when the deployment passes a value, so a redeployment without the secure parameters keeps the secrets.
resource smtpPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = if (!empty(smtpPassword)) {
  parent: keyVault
  name: smtpPasswordSecretName
  properties: {
    value: smtpPassword
  }
}

resource webhookSigningKeySecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = if (!empty(webhookSigningKey)) {
  parent: keyVault
  name: webhookSigningKeySecretName
  properties: {
    value: webhookSigningKey
  }
}

resource pseudonymKeySecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = if (!empty(pseudonymKey)) {
  parent: keyVault
  name: pseudonymKeySecretName
  properties: {
    value: pseudonymKey
  }
}

// ---------------------------------------------------------------------------------------------------------
// Monitoring: workspace-based Application Insights
// ---------------------------------------------------------------------------------------------------------

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2025-02-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionInDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
    IngestionMode: 'LogAnalytics'
  }
}

// ---------------------------------------------------------------------------------------------------------
// Flex Consumption plan and the function app (.NET isolated worker)
// ---------------------------------------------------------------------------------------------------------

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2025-03-01' = {
  name: functionAppName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      appSettings: [
        {
          // Read by the app's storage clients (AppSettings.StorageAccountName) and by the host: identity-based host storage.
          name: 'AzureWebJobsStorage__accountName'
          value: storage.name
        }
        {
          // Service URIs of the connection "AzureWebJobsStorage" for the host, the blob and queue trigger extensions
          // and the Durable extension's task hub (identity-based connection, no keys).
          name: 'AzureWebJobsStorage__blobServiceUri'
          value: storage.properties.primaryEndpoints.blob
        }
        {
          name: 'AzureWebJobsStorage__queueServiceUri'
          value: storage.properties.primaryEndpoints.queue
        }
        {
          name: 'AzureWebJobsStorage__tableServiceUri'
          value: storage.properties.primaryEndpoints.table
        }
        {
          // Read by the app's OpenTelemetry exporter and by the host (host.json telemetryMode OpenTelemetry).
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: appInsights.properties.ConnectionString
        }
        {
          // Message delivery (AppSettings.Smtp*, Webhook*): the email channel's SMTP server and the webhook signing key.
          // The two secrets are Key Vault references, resolved by the platform with the app's identity; while a secret is
          // missing the reference stays unresolved and the app treats the setting as unset (attempts fail visibly).
          name: 'Smtp__Host'
          value: smtpHost
        }
        {
          name: 'Smtp__Port'
          value: string(smtpPort)
        }
        {
          name: 'Smtp__Security'
          value: smtpSecurity
        }
        {
          name: 'Smtp__SenderAddress'
          value: smtpSenderAddress
        }
        {
          name: 'Smtp__SenderName'
          value: smtpSenderName
        }
        {
          name: 'Smtp__UserName'
          value: smtpUserName
        }
        {
          name: 'Smtp__Password'
          value: '@Microsoft.KeyVault(VaultName=${keyVault.name};SecretName=${smtpPasswordSecretName})'
        }
        {
          name: 'Webhook__SigningKey'
          value: '@Microsoft.KeyVault(VaultName=${keyVault.name};SecretName=${webhookSigningKeySecretName})'
        }
        {
          name: 'Auth__Authority'
          value: '${environment().authentication.loginEndpoint}${entraTenantId}/v2.0'
        }
        {
          name: 'Auth__Audience'
          value: empty(apiApplicationIdUri) ? apiClientId : '${apiClientId},${apiApplicationIdUri}'
        }
        {
          name: 'Auth__UnitsClaim'
          value: unitsClaim
        }
        {
          // The web app's sign-in (GET /api/sign-in-options, ADR 0012): public values, no secret.
          name: 'WebApp__ClientId'
          value: webAppClientId
        }
        {
          name: 'WebApp__ApiScope'
          value: webAppScope
        }
        {
          // Personal data (AppSettings.PseudonymKey, Retention*): the key of analysts' household pseudonyms, a Key Vault
          // reference with no default (the app refuses to start while it is unresolved), and the retention periods that the
          // lifecycle rules above use as well.
          name: 'Privacy__PseudonymKey'
          value: '@Microsoft.KeyVault(VaultName=${keyVault.name};SecretName=${pseudonymKeySecretName})'
        }
        {
          name: 'Retention__RawUploadDays'
          value: string(rawUploadRetentionDays)
        }
        {
          name: 'Retention__ExportDays'
          value: string(exportRetentionDays)
        }
        {
          // Read by the host: the largest request body it passes to the worker.
          name: 'FUNCTIONS_REQUEST_BODY_SIZE_LIMIT'
          value: string(requestBodySizeLimitBytes)
        }
      ]
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: functionsRuntime
    }
  }
  dependsOn: [
    deploymentContainer
  ]
}

resource storageRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in storageRoles: {
    name: guid(storage.id, functionApp.id, role.id)
    scope: storage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.id)
      principalId: functionApp.identity.principalId
      principalType: 'ServicePrincipal'
      description: role.description
    }
  }
]

resource keyVaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault.id, functionApp.id, keyVaultSecretsUserRoleId)
  scope: keyVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
    description: 'Key Vault Secrets User: the app resolves its Key Vault references (SMTP password, webhook signing key).'
  }
}

// ---------------------------------------------------------------------------------------------------------
// Event Grid: on Flex the blob trigger runs only with Source = BlobTriggerSource.EventGrid
// ---------------------------------------------------------------------------------------------------------

resource storageEvents 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: storageEventsTopicName
  location: location
  tags: tags
  properties: {
    source: storage.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

// Second deployment only: the module reads the blobs_extension system key of the running app.
module blobEventSubscription 'modules/blob-event-subscription.bicep' = if (deployBlobEventSubscription) {
  name: 'blob-event-subscription'
  params: {
    functionAppName: functionApp.name
    systemTopicName: storageEvents.name
    functionName: scoreSurveyFunctionName
    containerName: surveysContainerName
  }
  dependsOn: [
    blobContainers
  ]
}

// ---------------------------------------------------------------------------------------------------------
// Outputs
// ---------------------------------------------------------------------------------------------------------

@description('Name of the function app (for az functionapp deployment source config-zip).')
output functionAppName string = functionApp.name

@description('Default host name of the function app.')
output defaultHostName string = functionApp.properties.defaultHostName

@description('Redirect URI to register on the web app\'s Entra registration (platform "Single-page application"): the site root, where the app is served.')
output webAppRedirectUri string = 'https://${functionApp.properties.defaultHostName}/'

@description('Name of the storage account (host storage, app data, deployment package).')
output storageAccountName string = storage.name

@description('Blob container holding the Flex deployment package.')
output deploymentContainerName string = deploymentContainer.name

@description('Name of the Key Vault holding the SMTP password and the webhook signing key.')
output keyVaultName string = keyVault.name

@description('Name of the Application Insights component.')
output appInsightsName string = appInsights.name
