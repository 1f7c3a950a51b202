// GiamNgheo backend: Azure Functions custom handler (self-contained .NET 10 ASP.NET Core app) on the
// Flex Consumption plan (Linux), with identity-only access to its storage account.
//
// Deploy in two steps (see infra/README.md):
//   1. this template with deployBlobEventSubscription=false, then deploy the code (OneDeploy);
//   2. this template again with deployBlobEventSubscription=true: the Event Grid subscription for the
//      score-survey blob trigger needs the blobs_extension system key, which exists only once the code runs.
//
// Flex Consumption: the runtime is declared in functionAppConfig.runtime and the package lives in a blob
// container, so FUNCTIONS_WORKER_RUNTIME, WEBSITE_RUN_FROM_PACKAGE, WEBSITE_CONTENT* and linuxFxVersion are
// deliberately absent (they are deprecated or ignored on Flex).

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

@description('Most instances the app may scale out to. The platform may enforce a higher minimum than 1 (the 2024 docs said 40).')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('functionAppConfig.runtime.version for the custom runtime. UNVERIFIED default: it must match the regional catalog exactly (az functionapp list-flexconsumption-runtimes --location <region> --runtime custom), otherwise ARM accepts it and the host fails at startup.')
param customRuntimeVersion string = '1.0'

@description('Create the Event Grid subscription that drives the score-survey blob trigger. Leave false until the code is deployed: it needs the blobs_extension system key.')
param deployBlobEventSubscription bool = false

@description('Days Log Analytics keeps data.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

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

// Flex Consumption keeps the deployment package here (written by OneDeploy with the app's identity).
var deploymentContainerName = 'app-package'

// What the handler and its bindings use. The host creates its own azure-webjobs-* containers and the
// <queue>-poison queues itself, with the roles granted below.
var surveysContainerName = 'surveys'
var blobContainerNames = [
  surveysContainerName
  'exports'
  'survey-reports'
]
var queueNames = [
  'survey-rescore'
  'summary-refresh'
]
var tableNames = [
  'submissions'
  'households'
  'summaries'
  'audit'
]

// The blob-triggered function (functions/score-survey/function.json: "source": "EventGrid").
var scoreSurveyFunctionName = 'score-survey'

// Built-in roles granted to the app's system-assigned identity on the storage account.
var storageRoles = [
  {
    // Host storage (AzureWebJobsStorage: keys, timer and singleton leases), the blob trigger (blob receipts),
    // the Flex deployment container, and the handler's own containers. The Functions docs name Owner, not
    // Contributor, for the host and the blob trigger with an identity.
    id: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
    description: 'Storage Blob Data Owner: Functions host storage, blob trigger, Flex deployment package, survey/export/report containers.'
  }
  {
    // Queue triggers read, update and delete messages and create <queue>-poison queues; the blob trigger
    // uses webjobs-blobtrigger-poison; the handler enqueues rescore and summary-refresh messages.
    id: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
    description: 'Storage Queue Data Contributor: queue triggers, poison queues, messages the handler sends.'
  }
  {
    // The handler's tables (submissions, households, summaries, audit) and the host's diagnostic events table.
    id: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
    description: 'Storage Table Data Contributor: submissions, households, summaries and audit tables.'
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
    // Every client authenticates with Microsoft Entra ID: the Functions host (AzureWebJobsStorage__*),
    // the blob/queue triggers, the Flex deployment (SystemAssignedIdentity) and the handler
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
// Flex Consumption plan and the function app (custom handler)
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
          // Read by the handler (AppSettings.StorageAccountName) and by the host: identity-based host storage.
          name: 'AzureWebJobsStorage__accountName'
          value: storage.name
        }
        {
          // Explicit service URIs for the host and the blob/queue trigger extensions (connection "AzureWebJobsStorage").
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
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: appInsights.properties.ConnectionString
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
      runtime: {
        name: 'custom'
        version: customRuntimeVersion
      }
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

// ---------------------------------------------------------------------------------------------------------
// Event Grid: on Flex the blob trigger runs only with "source": "EventGrid"
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

@description('Name of the storage account (host storage, app data, deployment package).')
output storageAccountName string = storage.name

@description('Blob container holding the Flex deployment package.')
output deploymentContainerName string = deploymentContainer.name

@description('Name of the Application Insights component.')
output appInsightsName string = appInsights.name
